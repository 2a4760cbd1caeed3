//! An article's details as its page states them.

use dom_query::Document;

/// Who wrote it, where and when, as the page says; `None` when it does not.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PageMeta {
    pub byline: Option<String>,
    /// The outlet ("The Associated Press", "BBC News").
    pub site_name: Option<String>,
    /// ISO 8601 date (`YYYY-MM-DD`).
    pub published: Option<String>,
    /// ISO 8601 date (`YYYY-MM-DD`).
    pub modified: Option<String>,
    /// The canonical `http(s)` URL.
    pub url: Option<String>,
    /// A BCP 47 language tag ("en", "pt-BR").
    pub language: Option<String>,
}

/// What the page's plain markup says, read before the extractor changes the document.
#[derive(Debug, Default)]
pub struct Fallbacks {
    /// The page states its headline for sharing (`og:title`, `twitter:title`).
    pub stated_headline: bool,
    time: Option<String>,
    modified: Option<String>,
    canonical: Option<String>,
    language: Option<String>,
}

pub fn fallbacks(doc: &Document) -> Fallbacks {
    let attr = |selector: &str, name: &str| {
        doc.select(selector)
            .nodes()
            .iter()
            .find_map(|n| n.attr(name))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    Fallbacks {
        stated_headline: attr("meta[property='og:title']", "content")
            .or_else(|| attr("meta[name='twitter:title']", "content"))
            .is_some(),
        time: attr("time[datetime]", "datetime"),
        modified: attr("meta[property='article:modified_time']", "content")
            .or_else(|| attr("meta[property='og:updated_time']", "content"))
            .or_else(|| attr("meta[itemprop=dateModified]", "content")),
        canonical: attr("link[rel=canonical]", "href").or_else(|| attr("meta[property='og:url']", "content")),
        language: attr("html[lang]", "lang"),
    }
}

/// The details from the extractor's metadata, then the fallbacks.
pub fn page_meta(article: Option<&dom_smoothie::Article>, fallback: Fallbacks) -> PageMeta {
    let clean =
        |v: Option<&String>| v.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|s| !s.is_empty());
    PageMeta {
        byline: article.and_then(|a| clean(a.byline.as_ref())).map(|b| strip_by(&b)),
        site_name: article.and_then(|a| clean(a.site_name.as_ref())),
        published: article
            .and_then(|a| a.published_time.as_deref().and_then(iso_date))
            .or_else(|| fallback.time.as_deref().and_then(iso_date)),
        modified: article
            .and_then(|a| a.modified_time.as_deref().and_then(iso_date))
            .or_else(|| fallback.modified.as_deref().and_then(iso_date)),
        url: fallback
            .canonical
            .filter(|u| is_web_url(u))
            .or_else(|| article.and_then(|a| a.url.clone()).filter(|u| is_web_url(u))),
        language: article.and_then(|a| clean(a.lang.as_ref())).or(fallback.language).filter(|l| is_language_tag(l)),
    }
}

fn strip_by(byline: &str) -> String {
    let lower = byline.to_lowercase();
    if lower.starts_with("by ") { byline[3..].trim().to_string() } else { byline.to_string() }
}

/// The `YYYY-MM-DD` a date string starts with, if it is a real calendar date.
pub fn iso_date(value: &str) -> Option<String> {
    let value = value.trim();
    let date = value.get(..10)?;
    let bytes = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| bytes[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && bytes[4] == b'-' && digits(5..7) && bytes[7] == b'-' && digits(8..10)) {
        return None;
    }
    let month: u32 = date[5..7].parse().ok()?;
    let day: u32 = date[8..10].parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| date.to_string())
}

fn is_web_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && !url.contains(char::is_whitespace)
}

fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    parts.next().is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()))
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}
