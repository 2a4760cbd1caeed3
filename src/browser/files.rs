//! Files in and out: reading what the user opens or drops, and offering downloads.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::js_text::JsText;

/// Reads a file as UTF-8 text, and how many malformed sequences in it became U+FFFD (the
/// browser's own `File.text()` replaces them without saying so).
pub async fn read_text(file: &web_sys::File) -> Result<(String, usize), String> {
    let buffer =
        JsFuture::from(file.array_buffer()).await.map_err(|_| format!("“{}” could not be read.", file.name()))?;
    Ok(crate::model::text::decode_utf8(js_sys::Uint8Array::new(&buffer).to_vec()))
}

/// An object URL of a file holding `contents`, of type `mime`. It lives until revoked.
pub fn object_url(contents: JsText, mime: &str) -> Result<String, wasm_bindgen::JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&contents.into_parts(), &options)?;
    web_sys::Url::create_object_url_with_blob(&blob)
}

/// Offers `contents` as a download named `file_name`.
pub fn download(file_name: &str, mime: &str, contents: JsText) -> Result<(), String> {
    let url = object_url(contents, mime).map_err(|_| "The browser refused the download.".to_string())?;
    download_url(file_name, &url)
}

/// Offers `bytes` (a zip) as a download named `file_name`.
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let fail = |_| "The browser refused the download.".to_string();
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    download_url(file_name, &url)
}

/// Offers the object URL `url` as a download named `file_name`, and lets it go.
fn download_url(file_name: &str, url: &str) -> Result<(), String> {
    let fail = |_| "The browser refused the download.".to_string();
    let document = web_sys::window().and_then(|w| w.document()).ok_or("No document.")?;
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.dyn_into().map_err(|_| "No anchor.".to_string())?;
    anchor.set_href(url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(url);
    Ok(())
}
