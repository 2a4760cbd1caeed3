//! The report's list of changes: what changed in the text from the version before the latest
//! to the latest, paragraph by paragraph.

use crate::model::diff::{self, Block, Diff, Piece};
use crate::model::library::Article;

/// What changed between the article's two latest versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changes {
    pub from: usize,
    pub to: usize,
    /// When each was captured.
    pub from_captured: String,
    pub to_captured: String,
    /// Each changed paragraph: where it is ("Paragraph 2, changed") and its pieces.
    pub paragraphs: Vec<(String, Vec<Piece>)>,
}

impl Changes {
    /// The changes into the latest version; `None` for an article with one version.
    pub fn of(article: &Article) -> Option<Changes> {
        let to = article.version_number();
        let from = to.checked_sub(1).filter(|&n| n > 0)?;
        let (_, old, from_captured) = article.version(from)?;
        let (_, new, to_captured) = article.version(to)?;
        let paragraphs = diff::blocks(&Diff::between(&old, &new), &old, &new)
            .into_iter()
            .filter_map(|block| match block {
                Block::Changed { old_paragraph, new_paragraph, pieces } => {
                    let place = match (old_paragraph, new_paragraph) {
                        (_, Some(n)) if old_paragraph.is_none() => format!("Paragraph {n}, added"),
                        (_, Some(n)) => format!("Paragraph {n}, changed"),
                        (Some(n), None) => format!("Paragraph {n} of version {from}, deleted"),
                        (None, None) => "Changed".to_string(),
                    };
                    Some((place, pieces))
                }
                Block::Unchanged(_) => None,
            })
            .collect();
        Some(Changes {
            from,
            to,
            from_captured: from_captured.to_string(),
            to_captured: to_captured.to_string(),
            paragraphs,
        })
    }

    /// In Markdown: deleted words struck through (`~~…~~`), inserted ones in bold, every piece
    /// escaped by `escape`.
    pub fn to_markdown(&self, escape: impl Fn(&str) -> String) -> String {
        let mut out = format!(
            "\n## Changes from version {} ({}) to version {} ({})\n\n",
            self.from, self.from_captured, self.to, self.to_captured
        );
        if self.paragraphs.is_empty() {
            out.push_str("None.\n");
        }
        for (place, pieces) in &self.paragraphs {
            let text: String = pieces
                .iter()
                .map(|piece| match piece {
                    Piece::Same(s) => escape(s),
                    Piece::Deleted(s) if !s.trim().is_empty() => format!("~~{}~~", escape(s.trim())),
                    Piece::Inserted(s) if !s.trim().is_empty() => format!("**{}**", escape(s.trim())),
                    Piece::Deleted(s) | Piece::Inserted(s) => s.clone(),
                })
                .collect::<String>()
                .replace('\n', " ");
            out.push_str(&format!("- {place}: {text}\n"));
        }
        out
    }
}
