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

/// Writes `content` to a file of its own in the target directory and returns its path.
fn file(name: &str, content: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("annotate_cli");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_string_lossy().into_owned()
}

const OLD: &str = "Blasts in Kerman\n\nA U.S. official said the blasts killed 95 people. 😀\n\nThe city mourned. \
    Police closed the road.\n\nمرحبا end.";
const NEW: &str = "Blasts in Kerman\n\nUpdate: the toll was corrected.\n\nA U.S. official said the blasts killed 96 \
    people. 😀\n\nمرحبا end.";

#[test]
fn diff_prints_each_change_with_its_place_in_both_texts_and_the_paragraphs_touched() {
    let (old, new) = (file("diff-old.txt", OLD), file("diff-new.txt", NEW));
    let (code, out, err) = annotate(&["diff", &old, &new], "");
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).expect("JSON on standard output");
    let changes = json["changes"].as_array().unwrap();
    let kinds: Vec<(&str, &str, &str)> = changes
        .iter()
        .map(|c| (c["kind"].as_str().unwrap(), c["old"]["text"].as_str().unwrap(), c["new"]["text"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("insert", "", "Update: the toll was corrected.\n\n"),
            ("replace", "95", "96"),
            ("delete", "\n\nThe city mourned. Police closed the road.", "")
        ]
    );
    // Places are code points of each text.
    let new_text: Vec<char> = NEW.chars().collect();
    let at = |c: &Value| c["new"]["start"].as_u64().unwrap() as usize..c["new"]["end"].as_u64().unwrap() as usize;
    assert_eq!(new_text[at(&changes[1])].iter().collect::<String>(), "96");
    assert_eq!(json["changed_paragraphs"]["old"], serde_json::json!([1, 2]));
    assert_eq!(json["changed_paragraphs"]["new"], serde_json::json!([1, 2]));
    let (code, _, err) = annotate(&["diff", &old], "");
    assert_eq!(code, 2);
    assert!(err.contains("annotate diff OLD NEW"), "{err}");
}

#[test]
fn reanchor_moves_an_exports_annotations_to_the_new_text_and_keeps_the_gone_as_orphans() {
    let (_, export, _) = annotate(&["suggest", "-"], OLD);
    let mut json: Value = serde_json::from_str(&export).unwrap();
    // A claim on the count and one on the sentence that the new version deletes.
    let text: String = json["articles"][0]["text"].as_str().unwrap().into();
    let span = |quote: &str| {
        let start = text[..text.find(quote).unwrap()].chars().count();
        (start, start + quote.chars().count())
    };
    for (id, quote) in [("count", "killed 95 people"), ("road", "Police closed the road.")] {
        let (start, end) = span(quote);
        let mut claim = json["articles"][0]["annotations"][0].clone();
        claim["id"] = id.into();
        claim["kind"] = "claim".into();
        (claim["start"], claim["end"]) = (start.into(), end.into());
        claim["quote"]["exact"] = quote.into();
        json["articles"][0]["annotations"].as_array_mut().unwrap().push(claim);
    }
    let export = file("reanchor-old.json", &json.to_string());
    let new = file("reanchor-new.txt", NEW);
    let (code, out, err) = annotate(&["reanchor", &export, &new], "");
    assert_eq!(code, 0, "{err}");
    let moved: Value = serde_json::from_str(&out).unwrap();
    let article = &moved["articles"][0];
    let text: Vec<char> = article["text"].as_str().unwrap().chars().collect();
    let quote_of = |a: &Value| {
        text[a["start"].as_u64().unwrap() as usize..a["end"].as_u64().unwrap() as usize].iter().collect::<String>()
    };
    let placed: Vec<(String, String)> = article["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap().to_string(), quote_of(a)))
        .collect();
    assert!(placed.contains(&("count".into(), "killed 96 people".into())), "{placed:?}");
    assert!(placed.iter().any(|(_, q)| q == "A U.S. official said"), "{placed:?}");
    let orphans = article["orphans"].as_array().expect("orphans");
    assert_eq!(orphans.len(), 1, "{orphans:?}");
    assert_eq!(orphans[0]["annotation"]["id"], "road");
    assert_eq!(orphans[0]["exact"], "Police closed the road.");
    // Not an export: a message, and nothing printed.
    let (code, out, err) = annotate(&["reanchor", &new, &new], "");
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("not valid JSON"), "{err}");
}

#[test]
fn convert_takes_a_brat_pair_to_our_export_to_doccano_and_back_to_brat() {
    let dir = std::env::temp_dir().join(format!("annotate-convert-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_string_lossy().into_owned();
    std::fs::write(
        path("story.txt"),
        "A U.S. official said 😀 the blasts were planned.\n\nمرحبا The minister said no.",
    )
    .unwrap();
    std::fs::write(
        path("story.ann"),
        "T1\tAnonymous 0 15\tA U.S. official\nT2\tClaim 23 46\tthe blasts were planned\nT3\tVerb 16 20\tsaid\nR1\tRel Arg1:T2 Arg2:T1\n",
    )
    .unwrap();
    let (code, _, err) = annotate(&["convert", &path("story.ann"), &path("story.json")], "");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 span(s) with another label skipped"), "{err}");
    let ours: Value = serde_json::from_str(&std::fs::read_to_string(path("story.json")).unwrap()).unwrap();
    let article = &ours["articles"][0];
    assert_eq!(article["title"], "story");
    let claim = article["annotations"].as_array().unwrap().iter().find(|a| a["kind"] == "claim").unwrap();
    assert_eq!(claim["quote"]["exact"], "the blasts were planned");
    assert_eq!(claim["sources"].as_array().unwrap().len(), 1);
    assert_eq!(annotate(&["convert", &path("story.json"), &path("story.jsonl")], "").0, 0);
    let line: Value = serde_json::from_str(std::fs::read_to_string(path("story.jsonl")).unwrap().trim()).unwrap();
    assert_eq!(line["label"], serde_json::json!([[0, 15, "Anonymous_attribution"], [23, 46, "Claim"]]));
    assert_eq!(annotate(&["convert", &path("story.json"), &path("back.ann")], "").0, 0);
    let back = std::fs::read_to_string(path("back.ann")).unwrap();
    assert_eq!(
        back,
        "T1\tAnonymous_attribution 0 15\tA U.S. official\nT2\tClaim 23 46\tthe blasts were planned\nR1\tRests_on Arg1:T2 Arg2:T1\n"
    );
    let (code, _, err) = annotate(&["convert", &path("story.jsonl"), &path("many.ann")], "");
    assert_eq!(code, 0, "{err}");
    // A zip of brat standoff, as brat keeps a collection: the pair and the labels' configuration.
    assert_eq!(annotate(&["convert", &path("story.json"), &path("story.brat.zip")], "").0, 0);
    let zip = std::fs::read(path("story.brat.zip")).unwrap();
    let names = String::from_utf8_lossy(&zip);
    for name in ["story/annotation.conf", "story/001-story.txt", "story/001-story.ann"] {
        assert!(names.contains(name), "{name} in the zip");
    }
    assert!(zip.starts_with(b"PK\x03\x04"));
    std::fs::write(path("broken.ann"), "T1\tClaim 0 999\tx\n").unwrap();
    std::fs::write(path("broken.txt"), "short").unwrap();
    let (code, _, err) = annotate(&["convert", &path("broken.ann"), &path("x.json")], "");
    assert_eq!((code, err.trim_end().ends_with("0-999 is not a span of the text (5 characters).")), (1, true), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn convert_reads_a_label_studio_export() {
    let dir = std::env::temp_dir().join(format!("annotate-label-studio-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_string_lossy().into_owned();
    // The task format of https://labelstud.io/guide/task_format, for a text labelling project.
    std::fs::write(
        path("tasks.json"),
        r#"[{"id": 1, "data": {"text": "The talks failed, a senior official said."},
            "annotations": [{"result": [
              {"id": "c", "type": "labels", "value": {"start": 0, "end": 16, "text": "The talks failed", "labels": ["Claim"]}},
              {"id": "s", "type": "labels", "value": {"start": 18, "end": 35, "text": "a senior official", "labels": ["Anonymous"]}},
              {"type": "relation", "from_id": "c", "to_id": "s"}]}]}]"#,
    )
    .unwrap();
    let (code, _, err) = annotate(&["convert", &path("tasks.json"), &path("tasks.ann")], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(path("tasks.ann")).unwrap(),
        "T1\tClaim 0 16\tThe talks failed\nT2\tAnonymous_attribution 18 35\ta senior official\nR1\tRests_on Arg1:T1 Arg2:T2\n"
    );
    std::fs::write(path("broken.json"), "[{\"data\": {}}]").unwrap();
    let (code, _, err) = annotate(&["convert", &path("broken.json"), &path("x.jsonl")], "");
    assert_eq!((code, err.trim_end().ends_with("Task 1 has no text in its \"data\".")), (1, true), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
