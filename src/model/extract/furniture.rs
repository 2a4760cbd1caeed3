//! Which blocks of an article's main part are the article, which are captions, and which are
//! page furniture (bylines, datelines, share rows, newsletter boxes, related-story lists).

use super::blocks::{Block, BlockKind};

/// What a block of the main part is to the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The article's own words: paragraphs, subheads, lists, quotes, table rows.
    Body,
    /// Kept in the text but not part of the article body: a picture's caption or credit, the
    /// standfirst, a reporting credit.
    Aside(&'static str),
    /// Left out, with the reason a reader would give.
    Furniture(&'static str),
}

/// Words in class names and ids that mark a caption or credit.
const CAPTION_MARKS: &[&str] =
    &["caption", "credit", "photo-credit", "image-credit", "media-credit", "wp-caption-text"];

/// Words in class names and ids that mark a standfirst.
const STANDFIRST_MARKS: &[&str] =
    &["standfirst", "dek", "subtitle", "subheadline", "sub-headline", "article-summary", "deck"];

/// Words in class names and ids that mark furniture, with the name a reader knows it by.
const FURNITURE_MARKS: &[(&str, &str)] = &[
    ("byline", "byline"),
    ("author", "byline"),
    ("dateline", "date"),
    ("timestamp", "date"),
    ("publish-date", "date"),
    ("posted-on", "date"),
    ("share", "share buttons"),
    ("social", "share buttons"),
    ("related", "related stories"),
    ("recommend", "related stories"),
    ("more-stories", "related stories"),
    ("most-read", "related stories"),
    ("trending", "related stories"),
    ("newsletter", "newsletter box"),
    ("subscribe", "newsletter box"),
    ("signup", "newsletter box"),
    ("promo", "promotion"),
    ("advert", "advertisement"),
    ("sponsor", "advertisement"),
    ("breadcrumb", "navigation"),
    ("tags", "tags"),
    ("comment", "comments"),
    ("disclaimer", "footer"),
];

/// Short lines that are page furniture whatever the markup says, by how they start.
const FURNITURE_OPENINGS: &[(&str, &str)] = &[
    ("media playback is unsupported", "video player"),
    ("media caption", "caption"),
    ("image copyright", "caption"),
    ("image caption", "caption"),
    ("photo:", "caption"),
    ("photograph:", "caption"),
    ("photograph by", "caption"),
    ("credit:", "caption"),
    ("subscribe to", "newsletter box"),
    ("sign up for", "newsletter box"),
    ("sign up to", "newsletter box"),
    ("want more stories like this", "newsletter box"),
    ("you have been successfully subscribed", "newsletter box"),
    ("follow us on", "share buttons"),
    ("follow us:", "share buttons"),
    ("share this", "share buttons"),
    ("read more:", "related stories"),
    ("related:", "related stories"),
    ("see also:", "related stories"),
    ("tags:", "tags"),
    ("posted:", "date"),
    ("updated:", "date"),
    ("published:", "date"),
    ("this document is subject to copyright", "footer"),
    ("advertisement", "advertisement"),
    ("copyright", "footer"),
    ("©", "footer"),
    ("this post may contain affiliate", "advertisement"),
    ("microsoft may earn an affiliate", "advertisement"),
    ("let our news meet your inbox", "newsletter box"),
    ("get the latest updates", "newsletter box"),
    ("have a tip?", "about the author"),
    ("this website uses cookies", "cookie notice"),
    ("we use cookies", "cookie notice"),
    ("this slideshow requires javascript", "slideshow"),
    ("citation:", "footer"),
    ("tell us what you think", "comments"),
    ("you may also like", "related stories"),
    ("filed under", "tags"),
    ("posted on", "date"),
    ("first published", "date"),
    ("published ", "date"),
    ("note: we are temporarily moderating", "comments"),
    ("file photo:", "caption"),
];

/// Words inside a short line that make it a caption, a picture credit or a reporting credit.
fn aside_words(text_key: &str) -> Option<&'static str> {
    const CREDITS: &[&str] = &[
        "(image: ",
        "(photo: ",
        "(ap photo",
        "(photo by",
        "photo by ",
        "photos ©",
        "reuters/",
        "| getty images",
        "/ getty images",
        "/afp",
        "(credit:",
        "(image credit",
        "courtesy of ",
    ];
    const REPORTING: &[&str] = &["contributed to this report", "contributed reporting", "contributed to this story"];
    const REPORTING_OPENINGS: &[&str] =
        &["reporting by", "(reporting by", "additional reporting by", "editing by", "writing by", "compiled by"];
    if CREDITS.iter().any(|w| text_key.contains(w)) || text_key.ends_with("getty images") {
        return Some("caption");
    }
    if REPORTING.iter().any(|w| text_key.contains(w)) || REPORTING_OPENINGS.iter().any(|w| text_key.starts_with(w)) {
        return Some("reporting credit");
    }
    None
}

/// "Jane Doe is a reporter for NBC News.", "Science writer at Gizmodo", "Email Jane at
/// jane@example.com or follow her @jane": a line about who wrote the piece.
fn is_author_note(text_key: &str) -> bool {
    if text_key.starts_with("email ") && text_key.contains('@') {
        return true;
    }
    const JOBS: &[&str] = &["reporter", "writer", "editor", "correspondent", "journalist", "contributor", "columnist"];
    if JOBS.iter().any(|j| text_key.split_whitespace().take(3).any(|w| w == *j)) && text_key.contains(" at ") {
        return text_key.chars().count() < 120;
    }
    let Some((name, rest)) = text_key.split_once(" is ") else { return false };
    let name_words = name.split_whitespace().filter(|w| !w.starts_with('(')).count();
    (1..=4).contains(&name_words)
        && (rest.starts_with("a ") || rest.starts_with("an ") || rest.starts_with("the "))
        && JOBS.iter().any(|j| rest.contains(j))
}

/// A newsletter sign-up's lines ("Get the day's top headlines delivered to your inbox…").
fn is_newsletter_box(text_key: &str) -> bool {
    (text_key.contains("newsletter") || text_key.contains("your inbox"))
        && ["sign up", "subscrib", "inbox", "delivered"].iter().any(|w| text_key.contains(w))
}

/// "Image 2 of 5", "1 of 4".
fn is_slideshow_counter(text_key: &str) -> bool {
    let words: Vec<&str> = text_key.split_whitespace().collect();
    let of = words.iter().position(|w| *w == "of");
    words.len() <= 5
        && of.is_some_and(|i| i > 0 && words[i - 1].chars().all(|c| c.is_ascii_digit()))
        && words
            .iter()
            .all(|w| ["image", "photo", "slide", "of", "/"].contains(w) || w.chars().all(|c| c.is_ascii_digit()))
}

/// A line that is only an e-mail address.
fn is_email_line(text_key: &str) -> bool {
    let Some((user, domain)) = text_key.split_once('@') else { return false };
    !text_key.contains(' ')
        && !user.is_empty()
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// "By Matthew Digby, Minh Do on Monday, November 18th, 2019": a byline, with or without a
/// date, and never a sentence ("By Monday, the talks had failed.").
fn is_byline_line(text_key: &str) -> bool {
    text_key.starts_with("by ")
        && text_key.split_whitespace().count() <= 16
        && !text_key.trim_end_matches(['.', ')']).contains(". ")
        && !text_key.ends_with('.')
}

/// Headings that open a list of other stories.
const OTHER_STORIES: &[&str] = &[
    "related",
    "more stories",
    "more from",
    "read more",
    "most read",
    "most popular",
    "recommended",
    "trending",
    "top stories",
    "you may also like",
    "you might also like",
    "editor's picks",
    "latest news",
    "more on this story",
    "more great",
];

/// A block this short can be furniture by its marks or its words; a longer one is prose.
const SHORT: usize = 160;

/// The role of each block of the main part; `title` and `byline` are the page's own.
pub fn roles(blocks: &[Block], title: &str, byline: Option<&str>) -> Vec<Role> {
    let title_key = key(title);
    let byline_key = byline.map(key).unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    let mut in_other_stories = false;
    let mut roles = blocks
        .iter()
        .map(|block| {
            let role = role_of(block, &title_key, &byline_key, &mut in_other_stories);
            // The same caption or line twice (a slideshow's two copies) is read once.
            if role != Role::Body || block.text.chars().count() < 40 {
                if !seen.insert(key(&block.text)) && role != Role::Body {
                    return Role::Furniture("repeated line");
                }
                return role;
            }
            if seen.insert(key(&block.text)) { role } else { Role::Furniture("repeated line") }
        })
        .collect::<Vec<_>>();
    // A press release ends with what the company is ("Ascom is a global solutions provider…"):
    // in the last third, that paragraph and those after it that name the company again.
    let tail = roles.len() - roles.len() / 3;
    if let Some(first) =
        (tail..blocks.len()).find(|&i| roles[i] == Role::Body && company_name(&blocks[i].text).is_some())
    {
        let name = company_name(&blocks[first].text).unwrap_or_default();
        for i in first..blocks.len() {
            if roles[i] == Role::Body && blocks[i].text.starts_with(&name) {
                roles[i] = Role::Furniture("about the company");
            }
        }
    }
    roles
}

/// "Ascom is a global solutions provider…": the company a boilerplate paragraph is about.
fn company_name(text: &str) -> Option<String> {
    const WHAT: &[&str] = &["provider", "company", "leader", "manufacturer", "headquartered", "founded in"];
    let (name, rest) = text.split_once(" is ")?;
    let words = name.split_whitespace().count();
    let capitalized =
        name.split_whitespace().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()));
    ((1..=4).contains(&words)
        && capitalized
        && ["a ", "an ", "the ", "headquartered"].iter().any(|a| rest.starts_with(a))
        && WHAT.iter().any(|w| rest.split('.').next().is_some_and(|sentence| sentence.contains(w))))
    .then(|| name.to_string())
}

fn role_of(block: &Block, title_key: &str, byline_key: &str, in_other_stories: &mut bool) -> Role {
    let text_key = key(&block.text);
    let chars = block.text.chars().count();
    let short = chars <= SHORT;
    if let BlockKind::Heading(level) = block.kind {
        *in_other_stories = OTHER_STORIES.iter().any(|h| text_key.starts_with(h)) && short;
        if *in_other_stories {
            return Role::Furniture("related stories");
        }
        // The headline is the article's title, shown above the text; a page's one `h1` is it
        // even when it words it differently from the metadata.
        if level == 1 || (!title_key.is_empty() && words_overlap(&text_key, title_key) >= 0.8) {
            return Role::Furniture("headline");
        }
    }
    if *in_other_stories && (block.link_density() > 0.5 || block.kind == BlockKind::Item) {
        return Role::Furniture("related stories");
    }
    if block.in_page_furniture && short {
        return Role::Furniture("menus and page furniture");
    }
    if block.kind == BlockKind::Caption || has_mark(block, CAPTION_MARKS) {
        return Role::Aside("caption");
    }
    if chars <= 2 * SHORT && (has_mark(block, STANDFIRST_MARKS)) {
        return Role::Aside("standfirst");
    }
    if short {
        if let Some(&(_, why)) = FURNITURE_OPENINGS.iter().find(|(opening, _)| text_key.starts_with(opening)) {
            return if why == "caption" { Role::Aside("caption") } else { Role::Furniture(why) };
        }
        if let Some(why) = aside_words(&text_key) {
            return Role::Aside(why);
        }
        if is_newsletter_box(&text_key) {
            return Role::Furniture("newsletter box");
        }
        if is_slideshow_counter(&text_key) {
            return Role::Furniture("slideshow");
        }
        if is_email_line(&text_key) {
            return Role::Furniture("contact");
        }
        if is_byline_line(&text_key) {
            return Role::Furniture("byline");
        }
        if is_author_note(&text_key) {
            return Role::Furniture("about the author");
        }
        if let Some(why) = furniture_mark(block) {
            return Role::Furniture(why);
        }
        if !byline_key.is_empty() && (text_key == byline_key || text_key == format!("by {byline_key}")) {
            return Role::Furniture("byline");
        }
        if is_date_line(&text_key) {
            return Role::Furniture("date");
        }
        if block.link_density() > 0.6 && block.kind != BlockKind::Quote {
            return Role::Furniture("links");
        }
        if text_key.ends_with("credit") || block.text.contains("Credit:") {
            return Role::Aside("caption");
        }
    }
    Role::Body
}

fn has_mark(block: &Block, words: &[&str]) -> bool {
    block.marks.split(' ').any(|mark| words.iter().any(|w| mark_is(mark, w)))
}

fn furniture_mark(block: &Block) -> Option<&'static str> {
    block.marks.split(' ').find_map(|mark| FURNITURE_MARKS.iter().find(|(w, _)| mark_is(mark, w)).map(|&(_, why)| why))
}

/// A class name or id is the word, or has it as a `-`/`_` separated part ("article-byline",
/// "share_row"), but "authority" is not "author".
fn mark_is(mark: &str, word: &str) -> bool {
    mark == word
        || mark.split(['-', '_']).collect::<Vec<_>>().windows(word.split('-').count()).any(|w| w.join("-") == word)
}

/// A line that is nothing but a date and time ("5:27 am CST, Wednesday, November 20, 2019",
/// "Nov 18, 2019 @17:19 PM", "05/10/2018").
fn is_date_line(text_key: &str) -> bool {
    const DATE_WORDS: &[&str] = &[
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "am",
        "pm",
        "a",
        "m",
        "p",
        "est",
        "edt",
        "cst",
        "cdt",
        "pst",
        "pdt",
        "gmt",
        "utc",
        "bst",
        "cet",
        "et",
        "pt",
        "amt",
        "ist",
        "cest",
        "st",
        "nd",
        "rd",
        "th",
        "updated",
        "published",
        "posted",
        "on",
        "at",
        "original",
        // The benchmark's other languages: Portuguese, Spanish, French, Italian, German.
        "de",
        "del",
        "às",
        "a",
        "las",
        "le",
        "du",
        "am",
        "um",
        "uhr",
        "h",
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
        "enero",
        "febrero",
        "marzo",
        "mayo",
        "junio",
        "julio",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "gennaio",
        "febbraio",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "settembre",
        "ottobre",
        "dicembre",
        "januar",
        "februar",
        "märz",
        "juni",
        "juli",
        "oktober",
        "dezember",
        "segunda",
        "terça",
        "quarta",
        "quinta",
        "sexta",
        "feira",
        "sábado",
        "domingo",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "publicado",
        "publié",
        "pubblicato",
        "veröffentlicht",
    ];
    // "2019Updated" is two words.
    let spaced: String = text_key
        .chars()
        .zip(text_key.chars().skip(1).chain([' ']))
        .flat_map(|(c, next)| if c.is_ascii_digit() && next.is_alphabetic() { vec![c, ' '] } else { vec![c] })
        .collect();
    let words: Vec<&str> = spaced.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let is_number = |w: &str| w.chars().all(|c| c.is_ascii_digit());
    let digits = words.iter().filter(|w| is_number(w)).count();
    // Numbers alone are a date only written as one ("05/10/2018", "2019-11-20"), not "2 + 2".
    let numeric_date = text_key.chars().all(|c| c.is_ascii_digit() || "/-.: ".contains(c))
        && text_key.chars().any(|c| "/-.".contains(c))
        && (3..=6).contains(&digits)
        && words.iter().all(|w| w.len() <= 4);
    !words.is_empty()
        && words.len() <= 14
        && digits >= 2
        && words.iter().all(|w| is_number(w) || DATE_WORDS.contains(w))
        && (numeric_date || words.iter().any(|w| !is_number(w)))
}

/// The share of the words of `line` that are words of `title`.
fn words_overlap(line: &str, title: &str) -> f64 {
    let title: std::collections::HashSet<&str> = title.split_whitespace().collect();
    let words: Vec<&str> = line.split_whitespace().collect();
    words.iter().filter(|w| title.contains(*w)).count() as f64 / words.len().max(1) as f64
}

/// Lower-cased, white space collapsed, for comparing lines.
pub fn key(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}
