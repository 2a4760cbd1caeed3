//! A marked passage of an article, its kind, and one that could not be placed.

use serde::{Deserialize, Serialize};

use crate::model::offsets::CharOffset;
use crate::model::span::Span;
use crate::model::verdicts::{Link, Verdict};

/// What a marked passage is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnnotationKind {
    /// A statement that can be checked.
    Claim,
    /// Who or what a statement is attributed to.
    Source,
    /// An unnamed source and how it is described.
    AnonymousAttribution,
}

impl AnnotationKind {
    /// Every kind, in the order of the toolbar and its keys 1, 2, 3.
    pub const ALL: [AnnotationKind; 3] =
        [AnnotationKind::Claim, AnnotationKind::Source, AnnotationKind::AnonymousAttribution];

    /// The kind's name as shown in the page.
    pub fn label(self) -> &'static str {
        match self {
            Self::Claim => "Claim",
            Self::Source => "Source",
            Self::AnonymousAttribution => "Anonymous attribution",
        }
    }

    /// The kind whose [`AnnotationKind::slug`] this is.
    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// A short name for CSS classes, highlight names and form values.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Claim => "claim",
            Self::Source => "source",
            Self::AnonymousAttribution => "anonymous",
        }
    }
}

/// A marked passage of an article's text.
#[derive(Clone, Debug, PartialEq, Hash, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Unique within the library.
    pub id: String,
    /// What the passage is.
    pub kind: AnnotationKind,
    /// Start, in Unicode code points from the start of the text (inclusive).
    pub start: CharOffset,
    /// End, in Unicode code points from the start of the text (exclusive).
    pub end: CharOffset,
    /// The annotator's note; may be empty.
    #[serde(default)]
    pub note: String,
    /// When it was made, ISO 8601; empty in libraries stored before it was recorded.
    #[serde(default)]
    pub created: String,
    /// When it last changed, ISO 8601; empty in libraries stored before it was recorded.
    #[serde(default)]
    pub modified: String,
    /// Who made it: the desk user name; empty when it was made outside a desk.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// Who changed it last, when that was a desk user; empty if nobody has since it was made.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub edited_by: String,
}

impl Annotation {
    /// The marked passage as a span.
    pub fn span(&self) -> Span {
        Span { start: self.start, end: self.end }
    }
}

/// An annotation that could not be placed on its article's text when it was imported or when a
/// new version of the text came (its passage was deleted or rewritten); the user places it by
/// hand or discards it.
#[derive(Clone, Debug, PartialEq, Hash, Eq, Serialize, Deserialize)]
pub struct Orphan {
    /// The annotation as it was; its offsets are those of the text it was made on.
    pub annotation: Annotation,
    /// The passage it marked, and the text around it there.
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    /// The version of the article it was made on, when a new version orphaned it (0: not known).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub from_version: usize,
    /// Its links, kept until it is placed again (a link needs both its ends in the text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Its verdict, if it is a claim that had one, kept until it is placed again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Box<Verdict>>,
}

impl Orphan {
    /// An orphan of an import: its passage and context as the file gave them.
    pub fn new(annotation: Annotation, exact: String, prefix: String, suffix: String) -> Orphan {
        Orphan { annotation, exact, prefix, suffix, from_version: 0, links: Vec::new(), verdict: None }
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}
