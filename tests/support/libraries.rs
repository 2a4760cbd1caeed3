//! Libraries made by a seeded generator (emoji, combining accents, CJK, right-to-left text,
//! overlapping annotations, links, verdicts, notes with quotes and line breaks). Shared by the
//! export round trip and the property tests of the stored format.

use article_annotator::model::library::{
    Annotation, AnnotationKind, Article, CheckStatus, Evidence, Library, Link, Session, Verdict,
};
use article_annotator::model::offsets::CharOffset;
use article_annotator::model::text::normalize;

/// A small deterministic generator (a linear congruential one): the same seed, the same cases.
pub struct Generator(pub u64);

impl Generator {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }

    fn text(&mut self, words: usize) -> String {
        const WORDS: &[&str] = &[
            "official",
            "said",
            "U.S.",
            "😀",
            "e\u{301}té",
            "中文",
            "مرحبا",
            "\"quoted\"",
            "killed",
            "95",
            "—",
            "people,",
            "Iran's",
            "\n",
            "\n\n",
            "<script>",
            "&amp;",
        ];
        let mut out: Vec<&str> = Vec::new();
        for _ in 0..words {
            out.push(WORDS[self.next(WORDS.len())]);
        }
        out.join(" ").trim().to_string()
    }

    /// One to three articles with up to a dozen annotations each; `current` is left unset.
    pub fn library(&mut self) -> Library {
        let mut library = Library::default();
        for a in 0..1 + self.next(3) {
            let words = 5 + self.next(60);
            // Normalized, as every article's text is (no space before a line break, ...).
            let text = normalize(&format!("Headline {a}\n\n{}", self.text(words)));
            let length = text.chars().count();
            let mut article =
                Article::new(format!("a{a}"), format!("Title {a} 😀"), text, "2026-11-25T10:00:00.000Z".into());
            if self.next(2) == 0 {
                article.source_url = "https://example.org/x".into();
                article.published = "2024-01-04".into();
                // What a web page states of itself (issue 17), right-to-left and emoji included.
                article.modified = "2024-01-05".into();
                article.byline = format!("Jane Roe {a} and صحفي 😀");
                article.site_name = "The Daily Example".into();
                article.language = "en-GB".into();
            }
            article.leftovers_reviewed = true;
            let count = self.next(12);
            for n in 0..count {
                let start = self.next(length - 1);
                let extra = self.next(length - start);
                let end = start + 1 + extra;
                article.annotations.push(Annotation {
                    id: format!("n{a}-{n}"),
                    kind: AnnotationKind::ALL[self.next(3)],
                    start: CharOffset(start),
                    end: CharOffset(end.min(length)),
                    note: if self.next(2) == 0 { String::new() } else { self.text(4) },
                    created: "2026-11-25T10:01:00.000Z".into(),
                    modified: "2026-11-25T10:02:00.000Z".into(),
                    author: String::new(),
                    edited_by: String::new(),
                });
            }
            // Links from claims to sources, verdicts on some claims, and sometimes a session.
            let ids = |kind: AnnotationKind| -> Vec<String> {
                article.annotations.iter().filter(|a| a.kind == kind).map(|a| a.id.clone()).collect()
            };
            let claims = ids(AnnotationKind::Claim);
            let sources: Vec<String> =
                [ids(AnnotationKind::Source), ids(AnnotationKind::AnonymousAttribution)].concat();
            // In the order of the annotations, as an import lists them.
            let marked: Vec<String> =
                article.annotations.iter().filter(|a| a.kind != AnnotationKind::Claim).map(|a| a.id.clone()).collect();
            article.suggested = marked.into_iter().filter(|_| self.next(3) == 0).collect();
            for claim in &claims {
                for source in &sources {
                    if self.next(3) == 0 {
                        article.links.push(Link::new(claim.clone(), source.clone()));
                    }
                }
                if self.next(2) == 0 {
                    let words = self.next(6);
                    article.verdicts.push(Verdict {
                        claim: claim.clone(),
                        rating: ["", "True", "False", "Unverifiable"][self.next(4)].into(),
                        status: CheckStatus::ALL[self.next(3)],
                        evidence: (0..self.next(3))
                            .map(|i| Evidence { url: format!("https://example.org/{i}"), label: self.text(2) })
                            .collect(),
                        reasoning: self.text(words),
                        modified: String::new(),
                        reviewer: String::new(),
                    });
                }
            }
            if self.next(2) == 0 {
                article.session = Session {
                    checker: self.text(2),
                    organization: self.text(1),
                    checked: "2026-11-25".into(),
                    review_url: "https://example.org/check".into(),
                };
            }
            library.articles.push(article);
        }
        library
    }
}
