//! The messages between the app and its worker: the second wasm module, which does the heavy,
//! occasional work (reading web pages, the attribution assistant) in a Web Worker
//! (`src/bin/worker.rs`). The core's own types, as JSON both ways; kept here, pure, so that both
//! modules and the tests share one definition.

use serde::{Deserialize, Serialize};

use super::attribution::{self, Suggestion};
use super::extract::{self, Extraction};

/// Bumped whenever a message changes shape: an app and a worker of different versions (a
/// deployment between the app's start and the worker's first use) refuse each other's messages
/// instead of misreading them.
pub const PROTOCOL: u32 = 2;

/// What the worker is asked to do.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub enum Task {
    /// Read a web page's article (`model::extract`).
    ReadPage { html: String },
    /// Suggest the sources of an article's text (`model::attribution`).
    Suggest { text: String },
}

/// What it did.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub enum Done {
    Page(Box<Extraction>),
    Suggestions(Vec<Suggestion>),
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct Request {
    pub protocol: u32,
    /// The app's number for the request, returned with the answer.
    pub id: u32,
    pub task: Task,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct Answer {
    pub protocol: u32,
    pub id: u32,
    /// What was done, or why the request could not be read.
    pub done: Result<Done, String>,
}

/// The worker's side: one request in, its answer out (both as JSON).
pub fn answer(request: &str) -> String {
    let (id, done) = match serde_json::from_str::<Request>(request) {
        Ok(request) if request.protocol == PROTOCOL => (request.id, Ok(run(request.task))),
        Ok(request) => (request.id, Err(version_mismatch())),
        Err(e) => (0, Err(format!("it got a request it cannot read ({e})"))),
    };
    serde_json::to_string(&Answer { protocol: PROTOCOL, id, done }).expect("strings, numbers and lists serialize")
}

fn run(task: Task) -> Done {
    match task {
        Task::ReadPage { html } => Done::Page(Box::new(extract::extract(&html, None))),
        Task::Suggest { text } => Done::Suggestions(attribution::suggest(&text)),
    }
}

/// The app's side: the request for `task`.
pub fn request(id: u32, task: Task) -> String {
    serde_json::to_string(&Request { protocol: PROTOCOL, id, task }).expect("strings and numbers serialize")
}

/// The app's side: the answer read back, checked to be of this version.
pub fn read_answer(answer: &str) -> Result<Answer, String> {
    let answer: Answer = serde_json::from_str(answer).map_err(|e| format!("its answer could not be read ({e})"))?;
    if answer.protocol != PROTOCOL {
        return Err(version_mismatch());
    }
    Ok(answer)
}

fn version_mismatch() -> String {
    "the app was updated while this page was open: reload the page".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_goes_to_the_worker_and_its_article_comes_back() {
        let html = "<html><head><title>Vote - Example</title></head><body><article><h1>Vote</h1>\
                    <p>The council voted 7 to 2 on Tuesday to close the library at the end of the year.</p>\
                    </article></body></html>";
        let answer = read_answer(&super::answer(&request(7, Task::ReadPage { html: html.to_string() }))).unwrap();
        assert_eq!(answer.id, 7);
        assert_eq!(answer.done.unwrap(), Done::Page(Box::new(extract::extract(html, None))));
    }

    #[test]
    fn an_articles_text_goes_to_the_worker_and_its_suggestions_come_back() {
        let text = "Talks failed, a U.S. official said. \u{201c}We tried,\u{201d} said Ola Berg. He said more. \u{1F30D} \u{0645}\u{0631}\u{062D}\u{0628}\u{0627}";
        let answer = read_answer(&super::answer(&request(8, Task::Suggest { text: text.to_string() }))).unwrap();
        let Ok(Done::Suggestions(found)) = answer.done else { panic!("{answer:?}") };
        assert_eq!(found, attribution::suggest(text));
        assert!(found.len() >= 2, "{found:?}");
    }

    #[test]
    fn another_version_or_a_broken_message_is_refused_with_a_reason() {
        let old =
            serde_json::to_string(&Request { protocol: PROTOCOL + 1, id: 3, task: Task::Suggest { text: "x".into() } })
                .unwrap();
        let answer = read_answer(&super::answer(&old)).unwrap();
        assert_eq!(answer.id, 3);
        assert!(answer.done.unwrap_err().contains("reload the page"));
        assert!(read_answer(&super::answer("{not json")).unwrap().done.unwrap_err().contains("cannot read"));
        let newer = r#"{"protocol":99,"id":1,"done":{"Err":"x"}}"#;
        assert!(read_answer(newer).unwrap_err().contains("reload the page"));
    }
}
