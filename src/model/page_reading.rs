//! The messages between the app and its page reader, the second wasm module that reads web
//! pages in a Web Worker (`src/bin/page_reader.rs`): the core's own types, as JSON both ways.
//! Kept here, pure, so that both modules and the tests share one definition.

use serde::{Deserialize, Serialize};

use super::extract::{self, Extraction};

/// Bumped whenever a message changes shape: an app and a page reader of different versions
/// (a deployment between the app's start and the reader's first use) refuse each other's
/// messages instead of misreading them.
pub const PROTOCOL: u32 = 1;

/// A page to read.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct Request {
    pub protocol: u32,
    /// The app's number for the request, returned with the answer.
    pub id: u32,
    pub html: String,
}

/// What the reader answers.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct Answer {
    pub protocol: u32,
    pub id: u32,
    /// The page's article, or why the request could not be read.
    pub page: Result<Extraction, String>,
}

/// The reader's side: one request in, its answer out (both as JSON).
pub fn answer(request: &str) -> String {
    let answer = match serde_json::from_str::<Request>(request) {
        Ok(request) if request.protocol == PROTOCOL => {
            Answer { protocol: PROTOCOL, id: request.id, page: Ok(extract::extract(&request.html, None)) }
        }
        Ok(request) => Answer { protocol: PROTOCOL, id: request.id, page: Err(version_mismatch()) },
        Err(e) => Answer {
            protocol: PROTOCOL,
            id: 0,
            page: Err(format!("The page reader got a request it cannot read: {e}")),
        },
    };
    serde_json::to_string(&answer).expect("strings, numbers and lists serialize")
}

/// The app's side: the request for `html`.
pub fn request(id: u32, html: String) -> String {
    serde_json::to_string(&Request { protocol: PROTOCOL, id, html }).expect("a string and numbers serialize")
}

/// The app's side: the answer read back, checked to be of this version.
pub fn read_answer(answer: &str) -> Result<Answer, String> {
    let answer: Answer =
        serde_json::from_str(answer).map_err(|e| format!("The page reader's answer could not be read: {e}"))?;
    if answer.protocol != PROTOCOL {
        return Err(version_mismatch());
    }
    Ok(answer)
}

fn version_mismatch() -> String {
    "The app was updated while this page was open: reload the page to read web pages again.".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_goes_to_the_reader_and_its_article_comes_back() {
        let html = "<html><head><title>Vote - Example</title></head><body><article><h1>Vote</h1>\
                    <p>The council voted 7 to 2 on Tuesday to close the library at the end of the year.</p>\
                    </article></body></html>";
        let answer = read_answer(&super::answer(&request(7, html.to_string()))).unwrap();
        assert_eq!(answer.id, 7);
        assert_eq!(answer.page.unwrap(), extract::extract(html, None));
    }

    #[test]
    fn another_version_or_a_broken_message_is_refused_with_a_reason() {
        let old = serde_json::to_string(&Request { protocol: PROTOCOL + 1, id: 3, html: "<p>x</p>".into() }).unwrap();
        let answer = read_answer(&super::answer(&old)).unwrap();
        assert_eq!(answer.id, 3);
        assert!(answer.page.unwrap_err().contains("reload the page"));
        assert!(read_answer(&super::answer("{not json")).unwrap().page.unwrap_err().contains("cannot read"));
        let newer = r#"{"protocol":99,"id":1,"page":{"Err":"x"}}"#;
        assert!(read_answer(newer).unwrap_err().contains("reload the page"));
    }
}
