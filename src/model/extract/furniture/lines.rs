//! What a short line of a page is by its words alone: a credit, a byline, a date, a tag list,
//! a newsletter box, a note about the author.

/// "Tags" on a line of its own, then the tags, comma-separated: a tag list of any length.
pub(super) fn is_tag_list(text: &str) -> bool {
    let Some((first, rest)) = text.split_once('\n') else { return false };
    ["tags", "tags:", "tagged", "tagged:", "topics", "topics:"].contains(&first.trim().to_lowercase().as_str())
        && rest.contains(", ")
        && rest.split(", ").all(|tag| tag.split_whitespace().count() <= 6)
}

/// Words inside a short line that make it a caption, a picture credit or a reporting credit.
pub(super) fn aside_words(text_key: &str) -> Option<&'static str> {
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
pub(super) fn is_author_note(text_key: &str) -> bool {
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
pub(super) fn is_newsletter_box(text_key: &str) -> bool {
    (text_key.contains("newsletter") || text_key.contains("your inbox"))
        && ["sign up", "subscrib", "inbox", "delivered"].iter().any(|w| text_key.contains(w))
}

/// "Image 2 of 5", "1 of 4".
pub(super) fn is_slideshow_counter(text_key: &str) -> bool {
    let words: Vec<&str> = text_key.split_whitespace().collect();
    let of = words.iter().position(|w| *w == "of");
    words.len() <= 5
        && of.is_some_and(|i| i > 0 && words[i - 1].chars().all(|c| c.is_ascii_digit()))
        && words
            .iter()
            .all(|w| ["image", "photo", "slide", "of", "/"].contains(w) || w.chars().all(|c| c.is_ascii_digit()))
}

/// A line that is only an e-mail address.
pub(super) fn is_email_line(text_key: &str) -> bool {
    let Some((user, domain)) = text_key.split_once('@') else { return false };
    !text_key.contains(' ')
        && !user.is_empty()
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// "By Matthew Digby, Minh Do on Monday, November 18th, 2019": a byline, with or without a
/// date, and never a sentence ("By Monday, the talks had failed.").
pub(super) fn is_byline_line(text_key: &str) -> bool {
    text_key.starts_with("by ")
        && text_key.split_whitespace().count() <= 16
        && !text_key.trim_end_matches(['.', ')']).contains(". ")
        && !text_key.ends_with('.')
}

/// A line that is nothing but a date and time ("5:27 am CST, Wednesday, November 20, 2019",
/// "Nov 18, 2019 @17:19 PM", "05/10/2018").
pub(super) fn is_date_line(text_key: &str) -> bool {
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
