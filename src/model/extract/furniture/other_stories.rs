//! Runs of other stories: the related, recommended and most-read lists a page sets under a
//! heading of their own, inside the article's part or beside it.

use super::{Block, BlockKind, SHORT, key};
use std::collections::HashSet;

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

/// A heading that opens a list of other stories, by its words or by the page's own mark.
pub(super) fn opens_other_stories(heading: &Block, text_key: &str) -> bool {
    heading.text.chars().count() <= SHORT
        && (OTHER_STORIES.iter().any(|h| text_key.starts_with(h)) || marked_related(heading))
}

/// Under a heading that opens other stories: a link, a list item or an excerpt.
pub(super) fn is_other_story(block: &Block) -> bool {
    block.link_density() > 0.5 || block.kind == BlockKind::Item || is_teaser(&block.text)
}

/// The other stories a page lists under its own heading, by their text: the extractor's copy
/// of the main part can lose the heading (Readability drops a lone `h3`) and keep the stories.
///
/// Under a heading whose own class names it the related posts' title, every paragraph up to the
/// next heading is another post, whole or cut; a heading inside a box marked "related" covers
/// only what is in that box (the article can go on after a box of related links).
pub fn other_stories(page: &[Block]) -> HashSet<String> {
    let mut in_other_stories = false;
    let mut titles_related_posts = false;
    let mut stories = HashSet::new();
    for block in page {
        if matches!(block.kind, BlockKind::Heading(_)) {
            in_other_stories = opens_other_stories(block, &key(&block.text));
            titles_related_posts = in_other_stories && block.own_marks.split(' ').any(|own| own.starts_with("related"));
        } else if (titles_related_posts && block.kind == BlockKind::Paragraph)
            || (in_other_stories && (is_other_story(block) || marked_related(block)))
        {
            stories.insert(key(&block.text));
        }
    }
    stories
}

/// The block, or a box around it, is marked as related posts by the page itself, whatever its
/// words ("Você pode gostar..." in `<h3 class="relatedpoststitle">`, `<div class="related">`,
/// YARPP's `yarpp-related`).
fn marked_related(block: &Block) -> bool {
    block.marks.split(' ').any(|mark| mark.starts_with("related") || mark.starts_with("yarpp"))
}

/// Another story's excerpt: a paragraph cut off with an ellipsis ("…", "...", "[…]").
fn is_teaser(text: &str) -> bool {
    let end = text.trim_end();
    ["…", "...", "[…]", "[...]", "… »", "[…] »"].iter().any(|cut| end.ends_with(cut))
}
