//! The `annotate` command line: suggestions as our export JSON, from a file or standard input.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

fn annotate(args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annotate"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("annotate runs");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn suggest_prints_an_export_with_the_suggested_sources() {
    let text = "Talks stall\n\nThe talks failed, a senior official said. The official was not authorized to \
        speak. Reuters reported the news. 😀 مرحبا";
    let (code, out, _) = annotate(&["suggest", "-"], text);
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&out).expect("JSON on standard output");
    assert_eq!(json["format"], "article-annotator/export");
    let article = &json["articles"][0];
    assert_eq!(article["title"], "Talks stall");
    let found: Vec<(String, String, u64, u64)> = article["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let kind = a["kind"].as_str().unwrap().to_string();
            (
                kind,
                a["quote"]["exact"].as_str().unwrap().to_string(),
                a["start"].as_u64().unwrap(),
                a["end"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(found[0].0, "anonymous_attribution");
    assert_eq!(found[0].1, "a senior official said");
    // Offsets are code points of the normalized text.
    let chars: Vec<char> = article["text"].as_str().unwrap().chars().collect();
    assert_eq!(chars[found[0].2 as usize..found[0].3 as usize].iter().collect::<String>(), found[0].1);
    assert!(found.iter().any(|f| f.0 == "source" && f.1 == "Reuters"));
    let note = article["annotations"][0]["note"].as_str().unwrap();
    assert!(note.contains("not authorized"), "{note}");
}

#[test]
fn a_file_that_is_missing_or_empty_and_bad_usage_fail_with_a_message() {
    let (code, _, err) = annotate(&["suggest", "/nonexistent/article.txt"], "");
    assert_eq!(code, 1);
    assert!(err.contains("cannot read /nonexistent/article.txt"), "{err}");
    let (code, _, err) = annotate(&["suggest", "-"], "   \n");
    assert_eq!(code, 1);
    assert!(err.contains("There is no text to annotate"), "{err}");
    let (code, _, err) = annotate(&["frobnicate"], "");
    assert_eq!(code, 2);
    assert!(err.starts_with("usage: annotate suggest FILE"), "{err}");
}

const PAGE: &str = r##"<html lang="en"><head><title>Talks stall | Example News</title>
<meta property="og:site_name" content="Example News"><meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-05-01T08:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks stall</h1><p>The talks failed on Tuesday, a senior official said, speaking on condition of anonymity because the talks were private.</p>
<p>Reuters reported that both sides would meet again next month in Geneva to try once more.</p></article>
<footer>© Example News</footer></body></html>"##;

#[test]
fn extract_prints_the_article_its_details_and_what_was_left_out() {
    let (code, out, _) = annotate(&["extract", "-"], PAGE);
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&out).expect("JSON on standard output");
    assert_eq!(json["title"], "Talks stall");
    assert!(json["text"].as_str().unwrap().starts_with("The talks failed on Tuesday"));
    assert!(!json["text"].as_str().unwrap().contains("Home"));
    assert_eq!(json["byline"], "Jane Roe");
    assert_eq!(json["site_name"], "Example News");
    assert_eq!(json["published"], "2024-05-01");
    assert_eq!(json["modified"], Value::Null, "unknown is null");
    assert_eq!(json["url"], Value::Null);
    assert_eq!(json["language"], "en");
    let removed = json["removed"].as_array().unwrap();
    assert!(removed.iter().any(|p| p["text"].as_str().unwrap().contains("Home")), "{removed:?}");
    assert!(removed.iter().all(|p| p["label"].is_string()));
}

#[test]
fn suggest_reads_an_html_page_as_its_article() {
    let (code, out, _) = annotate(&["suggest", "-"], PAGE);
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&out).expect("JSON on standard output");
    let article = &json["articles"][0];
    assert_eq!(article["title"], "Talks stall");
    assert!(!article["text"].as_str().unwrap().contains("Home"));
    let kinds: Vec<&str> =
        article["annotations"].as_array().unwrap().iter().map(|a| a["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"anonymous_attribution") && kinds.contains(&"source"), "{kinds:?}");
}
