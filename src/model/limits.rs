//! The largest work the app supports. Each limit was measured in headless Chromium on the
//! 2-core machine (`node bench/scale.mjs --limits`, figures in README): at these sizes the page
//! opens and stays responsive, and an article at both limits still fits the browser's storage.
//! Beyond them the app refuses with a message instead of freezing the tab.

/// The most characters (Unicode code points) an article's text may have: about 175,000 words,
/// one fifth of what localStorage holds in Chromium.
pub const MAX_ARTICLE_CHARS: usize = 1_000_000;

/// The most annotations one article may have. With an article of `MAX_ARTICLE_CHARS`, the
/// stored library then takes 85% of Chromium's localStorage (4.46 M of 5.24 M characters).
pub const MAX_ANNOTATIONS: usize = 20_000;

/// The largest file the app opens or imports; larger ones are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// `n` with thousands separated by commas, as the messages show numbers.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Why a text is too long to be an article, or `None` if it is not.
pub fn article_too_long(text: &str) -> Option<String> {
    // A code point takes at least one byte: most texts are decided without counting.
    if text.len() <= MAX_ARTICLE_CHARS {
        return None;
    }
    let chars = text.chars().count();
    (chars > MAX_ARTICLE_CHARS).then(|| {
        format!(
            "It has {} characters, and Article Annotator opens articles of up to {} characters (about 175,000 words). Split it into parts and open each as an article.",
            thousands(chars as u64),
            thousands(MAX_ARTICLE_CHARS as u64)
        )
    })
}

const MEGABYTE: u64 = 1024 * 1024;

/// Why a file of `bytes` bytes is too large to open, or `None` if it is not.
pub fn file_too_large(name: &str, bytes: u64) -> Option<String> {
    (bytes > MAX_FILE_BYTES).then(|| {
        // Tenths of a megabyte in integers: printing a float would add 9 KB of float formatting
        // to the wasm for this one sentence.
        let tenths = (bytes * 10 + MEGABYTE / 2) / MEGABYTE;
        format!(
            "“{name}” cannot be opened: it is {}.{} MB, and Article Annotator opens files of up to {} MB.",
            tenths / 10,
            tenths % 10,
            MAX_FILE_BYTES / MEGABYTE
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(5_242_880), "5,242,880");
    }

    #[test]
    fn an_article_at_the_limit_is_accepted_and_one_more_character_is_not() {
        let at_limit = "é".repeat(MAX_ARTICLE_CHARS);
        assert_eq!(article_too_long(&at_limit), None);
        let over = format!("{at_limit}a");
        let message = article_too_long(&over).expect("over the limit");
        assert!(message.contains("1,000,001 characters"), "{message}");
        assert!(message.contains("up to 1,000,000"), "{message}");
    }

    #[test]
    fn files_over_the_limit_are_named_with_their_size() {
        assert_eq!(file_too_large("a.json", MAX_FILE_BYTES), None);
        let message = file_too_large("big.json", 40 * 1024 * 1024).expect("over the limit");
        assert!(
            message.contains("“big.json”") && message.contains("40.0 MB") && message.contains("32 MB"),
            "{message}"
        );
    }
}
