//! The article painted before the app loaded (`public/first-paint.js`, from the copy in
//! `model::first_paint`), removed once the app has mounted.

/// Removes the first paint, if the page has one. Its highlights were registered under the
/// app's names, and the app's own replace them.
pub fn give_way() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Ok(Some(painted)) = document.query_selector(".first-paint") {
        painted.remove();
    }
}
