//! Every stored format ever written still loads: one frozen fixture per version.

use article_annotator::model::library::{AnnotationKind, CheckStatus, DEFAULT_RATINGS, Library};
use article_annotator::model::stored::{CURRENT_VERSION, decode, encode};

#[test]
fn version_1_loads_with_every_field() {
    let library = decode(include_str!("fixtures/stored/v1.json")).expect("v1 fixture loads");
    assert_eq!(library.current.as_deref(), Some("a1"));
    assert_eq!(library.articles.len(), 2);
    let full = &library.articles[0];
    assert_eq!(full.title, "U.S. warned Iran 😀");
    assert_eq!(full.source_url, "https://example.org/story");
    assert_eq!(full.published, "2024-01-04");
    assert!(full.leftovers_reviewed);
    assert_eq!(full.annotations.len(), 1);
    assert_eq!(full.annotations[0].kind, AnnotationKind::AnonymousAttribution);
    assert_eq!(full.text.chars().skip(32).take(15).collect::<String>(), "A U.S. official");
    // Fields added after the first articles were written default to empty.
    let minimal = &library.articles[1];
    assert_eq!((minimal.source_url.as_str(), minimal.published.as_str()), ("", ""));
    assert!(minimal.annotations.is_empty());
}

#[test]
fn every_fixture_re_encodes_to_the_current_version() {
    let fixtures = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stored")).unwrap();
    let mut count = 0;
    for entry in fixtures {
        let raw = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let library = decode(&raw).unwrap();
        let again = encode(&library);
        assert!(again.contains(&format!("\"version\":{CURRENT_VERSION}")));
        assert_eq!(decode(&again).unwrap(), library);
        count += 1;
    }
    assert!(count >= CURRENT_VERSION as usize, "one fixture per version");
}

#[test]
fn version_2_loads_with_its_orphans() {
    let library = decode(include_str!("fixtures/stored/v2.json")).expect("v2 fixture loads");
    let orphan = &library.articles[0].orphans[0];
    assert_eq!((orphan.annotation.id.as_str(), orphan.exact.as_str()), ("o1", "warned"));
    assert_eq!(orphan.annotation.note, "from the first version 😀");
    assert!(library.articles[1].orphans.is_empty());
}

#[test]
fn version_3_loads_with_links_verdicts_session_and_scale() {
    let library = decode(include_str!("fixtures/stored/v3.json")).expect("v3 fixture loads");
    assert_eq!(library.ratings, ["Correct", "Misleading", "Wrong", "Unproven"]);
    let article = &library.articles[0];
    assert_eq!((article.links[0].claim.as_str(), article.links[0].source.as_str()), ("c1", "n1"));
    let verdict = &article.verdicts[0];
    assert_eq!((verdict.rating.as_str(), verdict.status), ("Misleading", CheckStatus::Checked));
    assert_eq!(verdict.evidence[0].label, "Ministry statement");
    assert_eq!(article.session.checker, "Ana Souza");
    // Older versions get the default scale.
    let v2 = decode(include_str!("fixtures/stored/v2.json")).unwrap();
    assert_eq!(v2.ratings, DEFAULT_RATINGS);
}

#[test]
fn version_4_loads_with_the_accepted_suggestions() {
    let library = decode(include_str!("fixtures/stored/v4.json")).expect("v4 fixture loads");
    assert_eq!(library.articles[0].suggested, ["n1"]);
    assert!(decode(include_str!("fixtures/stored/v3.json")).unwrap().articles[0].suggested.is_empty());
}

#[test]
fn version_5_loads_with_the_ratings_off_the_truth_scale() {
    let library = decode(include_str!("fixtures/stored/v5.json")).expect("v5 fixture loads");
    assert_eq!(library.ratings, ["Correct", "Misleading", "Wrong", "Unproven", "Unverifiable"]);
    assert_eq!(library.off_scale, ["Unproven", "Unverifiable"]);
    assert_eq!(library.articles[0].verdicts[0].rating, "Misleading");
}

#[test]
fn older_versions_have_the_default_off_scale_ratings_that_their_scale_has() {
    // Versions 1 and 2 had the default scale, and so "Unverifiable" off it.
    for old in [include_str!("fixtures/stored/v1.json"), include_str!("fixtures/stored/v2.json")] {
        let library = decode(old).unwrap();
        assert_eq!(library.ratings, DEFAULT_RATINGS);
        assert_eq!(library.off_scale, ["Unverifiable"]);
        assert_eq!(library.off_scale, Library::default().off_scale);
    }
    // Versions 3 and 4 kept their own scale: this one has no "Unverifiable".
    for old in [include_str!("fixtures/stored/v3.json"), include_str!("fixtures/stored/v4.json")] {
        let library = decode(old).unwrap();
        assert_eq!(library.ratings, ["Correct", "Misleading", "Wrong", "Unproven"]);
        assert!(library.off_scale.is_empty(), "{:?}", library.off_scale);
    }
}

/// Moving in: every fixture, written as documents and read back, is the same library.
#[test]
fn every_stored_version_comes_back_whole_from_documents() {
    use article_annotator::model::documents::{Loader, Saved};
    let fixtures = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stored")).unwrap();
    for entry in fixtures {
        let path = entry.unwrap().path();
        let mut library = decode(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let writes = Saved::default().writes(&mut library);
        let mut loader = Loader::default();
        for write in &writes {
            let mut doc: serde_json::Value = serde_json::from_str(&write.to_json("")).unwrap();
            doc["_rev"] = "1-a".into();
            assert!(loader.add(&doc.to_string()), "{}", path.display());
        }
        let loaded = loader.finish();
        assert_eq!(loaded.library.articles, library.articles, "{}", path.display());
        assert_eq!((loaded.library.ratings, loaded.library.off_scale), (library.ratings, library.off_scale));
    }
}
