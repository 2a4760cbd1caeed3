//! What a fact-check records of an article: which sources each claim rests on (links), the
//! verdict on each claim, the library's rating scale, and who checked the article.

use serde::{Deserialize, Serialize};

/// A claim resting on a source or an anonymous attribution, by their annotation ids. A link is
/// its two ends: two links between the same claim and source are the same link, whoever made
/// them and when.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Link {
    pub claim: String,
    pub source: String,
    /// Who linked them: the desk user name; empty outside a desk.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// When, ISO 8601; empty in libraries stored before it was recorded.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub created: String,
}

impl Link {
    /// The link between a claim and a source, not yet made by anyone.
    pub fn new(claim: impl Into<String>, source: impl Into<String>) -> Link {
        Link { claim: claim.into(), source: source.into(), ..Link::default() }
    }
}

impl PartialEq for Link {
    fn eq(&self, other: &Link) -> bool {
        self.claim == other.claim && self.source == other.source
    }
}

impl Eq for Link {}

impl std::hash::Hash for Link {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (&self.claim, &self.source).hash(state);
    }
}

/// How far the checking of a claim has gone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Hash, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    #[default]
    ToCheck,
    InProgress,
    Checked,
}

impl CheckStatus {
    pub const ALL: [CheckStatus; 3] = [CheckStatus::ToCheck, CheckStatus::InProgress, CheckStatus::Checked];

    /// The status as shown in the page.
    pub fn label(self) -> &'static str {
        match self {
            Self::ToCheck => "To check",
            Self::InProgress => "In progress",
            Self::Checked => "Checked",
        }
    }

    /// A short name for form values.
    pub fn slug(self) -> &'static str {
        match self {
            Self::ToCheck => "to_check",
            Self::InProgress => "in_progress",
            Self::Checked => "checked",
        }
    }

    /// The status whose [`CheckStatus::slug`] this is.
    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// A link to evidence for a verdict: an `http(s)` URL and a short label.
#[derive(Clone, Debug, PartialEq, Hash, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub url: String,
    pub label: String,
}

/// The fact-check of one claim.
#[derive(Clone, Debug, Default, PartialEq, Hash, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// The claim's annotation id (in exports, the annotation that holds the verdict).
    #[serde(default)]
    pub claim: String,
    /// One of the library's rating scale, or empty if not rated yet.
    #[serde(default)]
    pub rating: String,
    #[serde(default)]
    pub status: CheckStatus,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// The checker's reasoning, plain text.
    #[serde(default)]
    pub reasoning: String,
    /// Who gave it or changed it last: the desk user name; empty outside a desk.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reviewer: String,
    /// When it was last given or changed, ISO 8601; empty in libraries stored before it was
    /// recorded.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub modified: String,
}

impl Verdict {
    /// The verdict as a claim's entry in the list shows it: "False · Checked", or the status
    /// alone while it is not rated.
    pub fn label(&self) -> String {
        if self.rating.is_empty() {
            self.status.label().to_string()
        } else {
            format!("{} · {}", self.rating, self.status.label())
        }
    }
}

/// Who checked an article, and where the fact-check is published.
#[derive(Clone, Debug, Default, PartialEq, Hash, Eq, Serialize, Deserialize)]
pub struct Session {
    #[serde(default)]
    pub checker: String,
    #[serde(default)]
    pub organization: String,
    /// When it was checked, `YYYY-MM-DD`; empty if not yet.
    #[serde(default)]
    pub checked: String,
    /// Where the fact-check is (or will be) published, an `http(s)` URL; empty if unknown.
    #[serde(default)]
    pub review_url: String,
}

impl Session {
    pub fn is_empty(&self) -> bool {
        *self == Session::default()
    }
}

/// The default rating scale of a library.
pub const DEFAULT_RATINGS: [&str; 6] = ["True", "Mostly true", "Half true", "Mostly false", "False", "Unverifiable"];

pub(crate) fn default_ratings() -> Vec<String> {
    DEFAULT_RATINGS.iter().map(|r| r.to_string()).collect()
}

/// The ratings of the default scale that are off the truth scale: a verdict that the claim
/// cannot be verified says nothing about how true it is, so it has no place among the others.
pub const DEFAULT_OFF_SCALE: [&str; 1] = ["Unverifiable"];

/// The default off-scale ratings that `ratings` has: what a library or a file written before
/// off-scale ratings were recorded is taken to mean.
pub fn default_off_scale(ratings: &[String]) -> Vec<String> {
    DEFAULT_OFF_SCALE.iter().filter(|r| ratings.iter().any(|s| s == *r)).map(|r| r.to_string()).collect()
}
