fn main() {
    console_error_panic_hook::set_once();
    // The library is read from the browser's database before the first paint of the app.
    wasm_bindgen_futures::spawn_local(async {
        let start = article_annotator::ui::persistence::start_up().await;
        leptos::mount::mount_to_body(move || leptos::view! { <article_annotator::ui::App start=start /> });
        // The article painted before the app loaded (public/first-paint.js) gives way in the
        // same task, so that no frame shows both.
        article_annotator::browser::first_paint::give_way();
    });
}
