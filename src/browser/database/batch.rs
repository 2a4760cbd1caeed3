//! A batch of documents as the database worker takes it, and bulkDocs's results as the app
//! reads them.

use js_sys::Uint8Array;
use wasm_bindgen::JsValue;

use super::{DatabaseError, Written, explain, options};

/// Bytes moved from wasm into JS at a time.
const PIECE: usize = 64 * 1024;

/// The documents (JSON) as one JSON array in UTF-8, in JS memory: the worker gets its buffer
/// itself (transferred, not copied), and wasm memory never holds the array whole.
pub(super) fn json_array(docs: &[String]) -> Uint8Array {
    let length = 2 + docs.iter().map(|d| d.len()).sum::<usize>() + docs.len().saturating_sub(1);
    let array = Uint8Array::new_with_length(length as u32);
    let mut piece: Vec<u8> = Vec::with_capacity(PIECE);
    let mut at = 0;
    let mut put = |piece: &mut Vec<u8>| {
        array.subarray(at, at + piece.len() as u32).copy_from(piece);
        at += piece.len() as u32;
        piece.clear();
    };
    piece.push(b'[');
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            piece.push(b',');
        }
        for part in doc.as_bytes().chunks(PIECE) {
            if piece.len() + part.len() > PIECE {
                put(&mut piece);
            }
            piece.extend_from_slice(part);
        }
    }
    piece.push(b']');
    put(&mut piece);
    array
}

/// One of bulkDocs's results, read from their JSON text in Rust at once: for the 16,000 of an
/// import, asking JS for each field took a task of 52-65 ms.
#[derive(serde::Deserialize)]
struct BulkResult {
    rev: Option<String>,
    error: Option<serde_json::Value>,
    status: Option<u16>,
    // Words for the page; whatever their type, so that an odd one cannot make all unreadable.
    name: Option<serde_json::Value>,
    reason: Option<serde_json::Value>,
    message: Option<serde_json::Value>,
}

/// Each write's outcome, from bulkDocs's results (JSON).
pub(super) fn outcomes(results: &str) -> Result<Vec<Written>, DatabaseError> {
    let results: Vec<BulkResult> = serde_json::from_str(results)
        .map_err(|e| DatabaseError(format!("the database gave an answer that could not be read ({e})")))?;
    Ok(results
        .into_iter()
        .map(|result| match result {
            BulkResult { rev: Some(rev), error: None, .. } => Written::Done(rev),
            BulkResult { status: Some(409), .. } => Written::Conflict,
            BulkResult { name, reason, message, .. } => {
                let text = |value: Option<serde_json::Value>| match value {
                    Some(serde_json::Value::String(text)) => JsValue::from_str(&text),
                    None | Some(serde_json::Value::Null) => JsValue::UNDEFINED,
                    Some(other) => JsValue::from_str(&other.to_string()),
                };
                let error = options(&[("name", text(name)), ("reason", text(reason)), ("message", text(message))]);
                Written::Failed(explain(&error))
            }
        })
        .collect())
}
