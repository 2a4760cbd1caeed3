//! Browser tests: components mounted in headless Chromium, and the storage glue against the real
//! localStorage. Run with `cargo test --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use article_annotator::browser::js_text::JsText;
use article_annotator::browser::storage::{self, LIBRARY_KEY, Loaded};
use article_annotator::model::library::{Article, Library};
use article_annotator::model::stored;
use article_annotator::ui::App;
use article_annotator::ui::article_text::ArticleText;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the page to mount into.
fn container() -> web_sys::HtmlElement {
    let element: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&element).unwrap();
    element
}

/// Lets Leptos apply pending DOM updates, which it does asynchronously.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Stores `value` as the library just as JS holds it: a JS string may hold what no Rust string
/// can, such as half of a surrogate pair.
fn store_js(value: &js_sys::JsString) {
    let local_storage = LocalStorage::raw();
    let set_item: js_sys::Function = js_sys::Reflect::get(&local_storage, &"setItem".into()).unwrap().unchecked_into();
    set_item.call2(&local_storage, &LIBRARY_KEY.into(), value).unwrap();
}

fn library_of(title: &str, text: &str) -> Library {
    let mut library = Library::default();
    library.add(Article::new("a1".into(), title.into(), text.into(), "2026-11-25T10:00:00.000Z".into()));
    library
}

#[wasm_bindgen_test]
async fn article_container_holds_exactly_the_article_text() {
    let text = "Headline 😀\n\nمرحبا بالعالم\nsecond line\n\n<script>window.injected = 1</script> &amp;";
    let parent = container();
    let struck = RwSignal::new(Vec::new());
    let _mounted = leptos::mount::mount_to(parent.clone(), move || {
        view! { <ArticleText text=Signal::stored(std::sync::Arc::<str>::from(text)) struck=struck /> }
    });
    tick().await;
    let shown = parent.query_selector("[role=document]").unwrap().expect("the article container");
    assert_eq!(shown.text_content().unwrap(), text);
    assert!(parent.query_selector("script").unwrap().is_none(), "text must never become markup");

    // "Headline" and the Arabic words, previewed as removed: marked, with the text unchanged.
    let arabic_start = text.find('م').unwrap();
    struck.set(vec![0..8, arabic_start..arabic_start + "مرحبا بالعالم".len()]);
    tick().await;
    let marked = parent.query_selector_all("del").unwrap();
    assert_eq!(marked.length(), 2);
    assert_eq!(marked.get(0).unwrap().text_content().unwrap(), "Headline");
    assert_eq!(marked.get(1).unwrap().text_content().unwrap(), "مرحبا بالعالم");
    assert_eq!(shown.text_content().unwrap(), text);
}

#[wasm_bindgen_test]
fn a_library_an_earlier_version_stored_is_read_back_exactly() {
    LocalStorage::clear();
    assert!(matches!(storage::load("t0"), Loaded::Empty));
    // Characters of one to four bytes, in a value larger than the pieces it is read in.
    let text = "Zoë said 😀 that محمد العلي paid 中文.\n\n".repeat(6_000);
    let library = library_of("Long", &text);
    store_js(&stored::encode(&library).into());
    match storage::load("t1") {
        Loaded::Library(loaded) => assert_eq!(loaded, library),
        _ => panic!("the stored library should load"),
    }
}

#[wasm_bindgen_test]
fn text_written_into_js_in_any_cuts_comes_out_whole() {
    use std::io::Write;
    let text = "Zoë 😀 محمد 中文 — ".repeat(20_000);
    // Writes of 1 to 7 bytes cut characters of two, three and four bytes anywhere.
    let mut js = JsText::new();
    let mut rest = text.as_bytes();
    for size in (1..=7).cycle() {
        if rest.is_empty() {
            break;
        }
        let (now, later) = rest.split_at(size.min(rest.len()));
        js.write_all(now).unwrap();
        rest = later;
    }
    js.write_all(text.as_bytes()).unwrap();
    let parts = js.into_parts();
    assert!(parts.length() > 8, "{} pieces", parts.length());
    assert_eq!(String::from(parts.join("")), text.repeat(2));
}

#[wasm_bindgen_test]
fn a_value_with_a_lone_surrogate_is_read_with_a_replacement_character() {
    LocalStorage::clear();
    let library = library_of("Title", "Text");
    // A JS string may hold half of a surrogate pair, which no Rust string can.
    let raw = stored::encode(&library);
    let (before, after) = raw.split_once("\"Text\"").unwrap();
    let value = js_sys::JsString::from(format!("{before}\"Te"))
        .concat(&js_sys::JsString::from_char_code1(0xd83d))
        .concat(&format!("xt\"{after}").into());
    store_js(&value);
    match storage::load("t4") {
        Loaded::Library(loaded) => assert_eq!(&*loaded.articles[0].text, "Te\u{fffd}xt"),
        _ => panic!("a lone surrogate should be replaced, not make the library unreadable"),
    }
}

#[wasm_bindgen_test]
fn the_stored_value_for_the_crash_download_is_exactly_what_storage_holds() {
    LocalStorage::clear();
    assert!(storage::stored_value().is_none());
    // Even half of a surrogate pair, which a copy through Rust would replace.
    let value = js_sys::JsString::from("{\"broken ").concat(&js_sys::JsString::from_char_code1(0xd83d));
    store_js(&value);
    let read = storage::stored_value().expect("a stored value").into_string();
    assert_eq!(read.length(), value.length());
    assert!(js_sys::Object::is(&read, &value), "{:?}", String::from(read));
    LocalStorage::clear();
}

#[wasm_bindgen_test]
fn an_unreadable_value_is_kept_aside_and_left_in_place() {
    LocalStorage::clear();
    LocalStorage::raw().set_item(LIBRARY_KEY, "{\"broken").unwrap();
    match storage::load("t2") {
        Loaded::Unreadable { reason, raw, kept_as: Some(key) } => {
            assert!(reason.contains("not valid JSON"), "{reason}");
            assert_eq!(raw, "{\"broken");
            assert_eq!(LocalStorage::raw().get_item(&key).unwrap().as_deref(), Some("{\"broken"));
        }
        _ => panic!("a broken value should be reported and kept aside"),
    }
    assert_eq!(LocalStorage::raw().get_item(LIBRARY_KEY).unwrap().as_deref(), Some("{\"broken"));
}

#[wasm_bindgen_test]
async fn the_app_opens_the_sample_article_on_a_first_visit() {
    LocalStorage::clear();
    let parent = container();
    // This test page has no PouchDB: the app opens all the same, in memory (the end-to-end
    // tests cover the database).
    let start = article_annotator::ui::persistence::start_up().await;
    assert!(start.store.is_none());
    let _mounted = leptos::mount::mount_to(parent.clone(), move || view! { <App start=start /> });
    tick().await;
    let heading = parent.query_selector("h1").unwrap().expect("a heading");
    assert_eq!(
        heading.text_content().unwrap(),
        "U.S. warned Iran that ISIS-K was preparing attack ahead of deadly Kerman blasts, official says"
    );
    let offer = parent.query_selector("#leftovers-heading").unwrap().expect("the leftovers offer");
    assert!(offer.text_content().unwrap().contains("4 parts"));
    LocalStorage::clear();
}

#[wasm_bindgen_test]
async fn dom_positions_and_text_offsets_agree_in_every_script() {
    use article_annotator::browser::text_dom::TextMap;
    use article_annotator::model::offsets::CharOffset;
    use article_annotator::model::span::{Span, quote};

    // An emoji outside the BMP (two UTF-16 units), a combining accent, CJK, right-to-left
    // script; the preview of a removal splits a paragraph into several text nodes.
    let text = "a😀e\u{301} 中文 end\n\nمرحبا بالعالم 😀 x";
    let struck_bytes = text.find('中').unwrap()..text.find(" end").unwrap();
    let parent = container();
    let struck = RwSignal::new(vec![struck_bytes]);
    let _mounted = leptos::mount::mount_to(parent.clone(), move || {
        view! { <ArticleText text=Signal::stored(std::sync::Arc::<str>::from(text)) struck=struck /> }
    });
    tick().await;
    let shown = parent.query_selector("[role=document]").unwrap().unwrap();
    let map = TextMap::of(&shown);
    let length = text.chars().count();
    for start in 0..length {
        for end in [start + 1, start + 4, length] {
            let Some(span) = Span::new(CharOffset(start), CharOffset(end.min(length))) else { continue };
            let range = map.range(span).expect("a range for every span");
            assert_eq!(String::from(range.to_string()), quote(text, span), "{span:?}");
            let back = map.offset(&range.start_container().unwrap(), range.start_offset().unwrap());
            assert_eq!(back, Some(span.start), "{span:?}");
            let back = map.offset(&range.end_container().unwrap(), range.end_offset().unwrap());
            assert_eq!(back, Some(span.end), "{span:?}");
        }
    }
    // Keyboard selection goes through the page's selection and comes back unchanged, backwards too.
    map.select(CharOffset(9), CharOffset(2));
    assert_eq!(map.selection_ends(), Some((CharOffset(9), CharOffset(2))));
}

/// Waits for the `selectionchange` events already queued to be delivered.
async fn selection_events() {
    tick().await;
    tick().await;
}

#[wasm_bindgen_test]
async fn the_selectionchange_after_the_app_empties_the_selection_is_told_apart() {
    use article_annotator::browser::text_dom::{clear_selection, take_emptied};
    use std::cell::RefCell;
    use std::rc::Rc;
    let parent = container();
    parent.set_text_content(Some("A passage to select."));
    let text = parent.first_child().unwrap();
    let selection = web_sys::window().unwrap().get_selection().unwrap().unwrap();
    // What a `selectionchange` listener like the app's is told, event by event.
    let told = Rc::new(RefCell::new(Vec::new()));
    let record = {
        let told = told.clone();
        wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || told.borrow_mut().push(take_emptied()))
    };
    document().add_event_listener_with_callback("selectionchange", record.as_ref().unchecked_ref()).unwrap();

    selection.remove_all_ranges().unwrap();
    selection_events().await;
    told.borrow_mut().clear();
    // Emptying an empty selection fires nothing, so it must leave nothing for a later event.
    clear_selection();
    selection.set_base_and_extent(&text, 2, &text, 9).unwrap();
    selection_events().await;
    assert_eq!(*told.borrow(), [false], "the user's selection is read, not taken as empty");
    // Emptied by the app: the one event after it is told so, and the next is not.
    clear_selection();
    selection_events().await;
    selection.set_base_and_extent(&text, 0, &text, 1).unwrap();
    selection_events().await;
    assert_eq!(*told.borrow(), [false, true, false]);

    document().remove_event_listener_with_callback("selectionchange", record.as_ref().unchecked_ref()).unwrap();
    selection.remove_all_ranges().unwrap();
    parent.remove();
}
