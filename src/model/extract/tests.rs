use super::*;

/// A news page: a section menu, the headline, a byline and date, the story with a figure,
/// a share row, a related-stories list, comments and a footer.
fn news_page(story: &str) -> String {
    format!(
        r##"<!doctype html><html lang="en-GB"><head><title>Council votes to close library | The Daily Example</title>
<meta property="og:title" content="Council votes to close library">
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<meta property="article:modified_time" content="2024-03-06T10:00:00Z">
<link rel="canonical" href="https://example.com/news/library">
</head><body>
<header><div class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/trending">Trending</a></li></ul></div></header>
<main><article>
<h1>Council votes to close library</h1>
<div class="byline">By Jane Reporter</div>
<time datetime="2024-03-05">5 March 2024</time>
{story}
<figure><img src="a.jpg"><figcaption>The library on Main Street has served readers since 1911.</figcaption></figure>
<div class="share-row"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article>
<aside class="related-stories"><h2>Related stories</h2><ul>
<li><a href="/a">Mayor opens new bridge across the river</a></li>
<li><a href="/b">School budget cut by a tenth this year</a></li></ul></aside>
<section id="comments"><h2>Comments</h2><div class="comment"><p>Great news, finally!</p><a href="#">Reply</a></div></section>
</main>
<footer><p>© 2024 The Daily Example. All rights reserved.</p></footer>
</body></html>"##
    )
}

const STORY: &str = "<p>The city council voted 7 to 2 on Tuesday to close the Main Street library at the end of \
the year, citing a budget shortfall of more than a million dollars.</p>\
<p>“We had no other choice,” said the council's chair, who argued that the branch's visitors could use the \
new central library two miles away.</p>\
<h2>Residents object</h2>\
<p>Dozens of residents spoke against the closure during a three-hour public hearing, and a petition to keep \
the branch open has gathered four thousand signatures.</p>\
<blockquote><p>This library is where my children learned to read, and closing it will hurt the whole \
neighbourhood for years to come.</p></blockquote>\
<p>The council will hear an appeal next month.</p>";

#[test]
fn keeps_the_story_in_order_and_leaves_out_the_furniture() {
    let page = extract(&news_page(STORY), None);
    assert_eq!(page.title, "Council votes to close library");
    let paragraphs: Vec<&str> = page.text.split("\n\n").collect();
    assert!(paragraphs[0].starts_with("The city council voted 7 to 2"), "{paragraphs:?}");
    assert!(paragraphs.contains(&"Residents object"));
    assert!(page.text.contains("This library is where my children learned to read"));
    assert!(
        page.text.contains("The library on Main Street has served readers since 1911."),
        "captions stay in the text"
    );
    assert!(page.text.contains("The council will hear an appeal next month."));
    for furniture in
        ["Home", "Sport", "Share on Facebook", "Mayor opens new bridge", "Great news", "Reply", "All rights reserved"]
    {
        assert!(!page.text.contains(furniture), "{furniture} was kept: {}", page.text);
    }
    assert!(!page.body.contains("served readers since 1911"), "a caption is not the article's body");
}

#[test]
fn names_every_part_it_leaves_out_and_where_it_was() {
    let page = extract(&news_page(STORY), None);
    let removed: String = page.removed.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n");
    for furniture in
        ["Home", "Share on Facebook", "Mayor opens new bridge across the river", "Great news, finally!", "Reply"]
    {
        assert!(removed.contains(furniture), "{furniture} is not among the removed parts: {:?}", page.removed);
    }
    let menu = page.removed.iter().find(|p| p.text.contains("Sport")).expect("the menu");
    assert_eq!(menu.at, 0, "the menu goes back before the story");
    let comments = page.removed.iter().find(|p| p.text.contains("Great news")).expect("the comments");
    assert_eq!(comments.at, page.text.len(), "the comments go back after the story");
    for part in &page.removed {
        assert!(part.at == page.text.len() || part.at == 0 || page.text[..part.at].ends_with("\n\n"), "{part:?}");
    }
}

#[test]
fn reads_the_details_from_the_page() {
    let page = extract(&news_page(STORY), None);
    assert_eq!(page.meta.byline.as_deref(), Some("Jane Reporter"));
    assert_eq!(page.meta.site_name.as_deref(), Some("The Daily Example"));
    assert_eq!(page.meta.published.as_deref(), Some("2024-03-05"));
    assert_eq!(page.meta.modified.as_deref(), Some("2024-03-06"));
    assert_eq!(page.meta.url.as_deref(), Some("https://example.com/news/library"));
    assert_eq!(page.meta.language.as_deref(), Some("en-GB"));
}

#[test]
fn json_ld_gives_the_headline_author_and_dates() {
    let html = format!(
        r#"<html><head><title>Salon</title><script type="application/ld+json">{{"@context":"https://schema.org",
"@type":"NewsArticle","headline":"Drought shrinks the reservoir to a fifth","author":{{"@type":"Person","name":"Ana Ruiz"}},
"datePublished":"2023-08-01T06:00:00+02:00","publisher":{{"@type":"Organization","name":"Salon"}}}}</script></head>
<body><h1>Salon</h1><article>{STORY}</article></body></html>"#
    );
    let page = extract(&html, None);
    assert_eq!(page.title, "Drought shrinks the reservoir to a fifth", "the site's name in the h1 is not the headline");
    assert_eq!(page.meta.byline.as_deref(), Some("Ana Ruiz"));
    assert_eq!(page.meta.published.as_deref(), Some("2023-08-01"));
    assert_eq!(page.meta.modified, None);
}

#[test]
fn a_time_element_dates_a_page_without_metadata() {
    let html = format!(
        "<html><body><article><h1>Headline here</h1><time datetime=\"2022-02-02T10:00\">Feb 2</time>{STORY}</article></body></html>"
    );
    assert_eq!(extract(&html, None).meta.published.as_deref(), Some("2022-02-02"));
}

#[test]
fn a_malformed_attribute_ends_at_the_tag_end_as_in_a_browser() {
    let html = format!("<html><body><p>a</p><div \"=\"\">{STORY}</div></body></html>");
    let page = extract(&html, None);
    assert!(page.text.contains("The council will hear an appeal next month."), "{}", page.text);
}

#[test]
fn text_after_an_embed_is_kept() {
    let html = format!(
        "<html><body><article><p>before</p><embed src=x>{STORY}<p>after the embed, the end of the story.</p></article></body></html>"
    );
    assert!(extract(&html, None).text.contains("after the embed, the end of the story."));
}

#[test]
fn hidden_text_is_left_out_in_every_way_a_page_hides_it() {
    let html = format!(
        "<html><body><article>{STORY}<p style=\"visibility: hidden\">Invisible one.</p>\
         <p style=\"display:none\">Invisible two.</p><p hidden>Invisible three.</p></article></body></html>"
    );
    let page = extract(&html, None);
    assert!(!page.text.contains("Invisible"), "{}", page.text);
    assert!(page.removed.iter().all(|p| !p.text.contains("Invisible")), "hidden text is not on the page at all");
}

#[test]
fn formulas_keep_their_text() {
    let html = format!(
        "<html><body><article>{STORY}<p>The rate grew as <math><mi>x</mi><mo>=</mo><mn>2</mn>\
         <annotation encoding=\"TeX\">x=2</annotation></math> over the decade, the report said.</p></article></body></html>"
    );
    let page = extract(&html, None);
    assert!(page.text.contains("The rate grew as x=2 over the decade"), "{}", page.text);
}

#[test]
fn a_trending_menu_does_not_swallow_the_article() {
    let html = format!(
        "<html><body><div class=\"top\"><ul><li><a href=/>Trending</a></li><li><a href=/t>Top Stories</a></li></ul></div>\
         <article>{STORY}</article></body></html>"
    );
    let page = extract(&html, None);
    assert!(page.text.starts_with("The city council voted"), "{}", page.text);
    assert!(page.text.contains("The council will hear an appeal next month."));
    let removed: usize = page.removed.iter().map(|p| p.text.len()).sum();
    assert!(removed < 40, "only the menu is removed: {:?}", page.removed);
}

#[test]
fn captions_credits_and_datelines_are_told_apart_from_the_story() {
    let html = format!(
        "<html><body><article><p>5:27 am CST, Wednesday, November 20, 2019</p>{STORY}\
         <p>Photo: Hau Dinh, AP</p><p>Image 2 of 5</p><p>Jane Doe is a reporter for The Daily Example.</p>\
         <p>Sign up for our newsletter to get the day's top headlines in your inbox.</p>\
         <p>Associated Press writer Jon Gambrell contributed to this report.</p></article></body></html>"
    );
    let page = extract(&html, None);
    assert!(!page.text.contains("5:27 am"), "a dateline is not the story");
    assert!(page.text.contains("Photo: Hau Dinh, AP"), "a credit stays beside the story");
    assert!(!page.body.contains("Photo: Hau Dinh"));
    assert!(page.text.contains("contributed to this report"));
    assert!(!page.text.contains("Image 2 of 5"));
    assert!(!page.text.contains("is a reporter for"));
    assert!(!page.text.contains("newsletter"));
}

#[test]
fn a_repeated_caption_is_read_once() {
    let html = format!(
        "<html><body><article><figure><figcaption>The mayor at the hearing.</figcaption></figure>\
         <figure><figcaption>The mayor at the hearing.</figcaption></figure>{STORY}</article></body></html>"
    );
    assert_eq!(extract(&html, None).text.matches("The mayor at the hearing.").count(), 1);
}

#[test]
fn a_page_with_no_article_keeps_its_visible_text() {
    let page = extract("<html><body><p>Just one short line.</p></body></html>", None);
    assert_eq!(page.text, "Just one short line.");
}

#[test]
fn script_and_markup_never_become_text() {
    let html = format!(
        "<html><body><article>{STORY}<script>alert(1)</script><p>&lt;img src=x onerror=alert(1)&gt; is shown as text.</p></article></body></html>"
    );
    let page = extract(&html, None);
    assert!(!page.text.contains("alert(1)</script>") && !page.text.contains("alert(1)\n"));
    assert!(page.text.contains("<img src=x onerror=alert(1)> is shown as text."), "{}", page.text);
}

#[test]
fn right_to_left_and_emoji_text_survive() {
    let story =
        "<p>قال المتحدث إن الاجتماع سيعقد يوم الثلاثاء في العاصمة لمناقشة الميزانية الجديدة للمدينة 🌍.</p>".repeat(4);
    let page = extract(&format!("<html dir=rtl lang=ar><body><article>{story}</article></body></html>"), None);
    assert!(page.text.contains("قال المتحدث") && page.text.contains('🌍'));
    assert_eq!(page.meta.language.as_deref(), Some("ar"));
}

#[test]
fn dates_are_checked_calendar_dates() {
    assert_eq!(meta::iso_date("2019-11-20T05:27:00Z").as_deref(), Some("2019-11-20"));
    assert_eq!(meta::iso_date("2019-13-20"), None);
    assert_eq!(meta::iso_date("Nov 20, 2019"), None);
    assert_eq!(meta::iso_date("٢٠١٩-١١-٢٠"), None);
}

#[test]
fn a_page_nested_deeper_than_a_browser_builds_is_read_up_to_there_and_says_so() {
    let html = format!("<p>Before the nesting, a paragraph.</p>{}x", "<div>".repeat(100_000));
    let page = extract(&html, None);
    assert!(page.cut);
    assert!(page.text.contains("Before the nesting, a paragraph."));
    assert!(!extract(&news_page(STORY), None).cut);
}

#[test]
fn a_press_release_loses_its_about_the_company_paragraphs() {
    let html = format!(
        "<html><body><article>{STORY}<p>Acme Robotics is a global provider of warehouse robots, founded in 1999 and \
         listed in Zurich.</p><p>Acme Robotics is headquartered in Baar and employs 1,300 people.</p></article></body></html>"
    );
    let page = extract(&html, None);
    assert!(page.text.contains("The council will hear an appeal next month."));
    assert!(!page.text.contains("Acme Robotics is"), "{}", page.text);
    assert!(page.removed.iter().any(|p| p.label == "about the company" && p.text.contains("headquartered in Baar")));
    // The same words early in a story are the story.
    let early = format!(
        "<html><body><article><p>Acme Robotics is a global provider of warehouse robots, a filing shows, and it is hiring.</p>{STORY}</article></body></html>"
    );
    assert!(extract(&early, None).text.contains("Acme Robotics is a global provider"));
}

/// A blog theme's related posts: a heading with its own class, then other posts' excerpts,
/// cut with an ellipsis or whole, in `<article>`s next to the post's.
#[test]
fn posts_under_a_related_posts_title_are_left_out() {
    let teaser = "<p>A very different post about gardening in the spring, with tips on planting tomatoes early and \
                  watering them every day…</p>";
    let whole = "<p>Another post in full: keeping bees on a city roof takes patience, good neighbours and a \
                 sheltered corner of the roof.</p>";
    let html = format!(
        "<html><body><article class=post>{STORY}<h3 class=relatedpoststitle>Você pode gostar...</h3>\
         <article class=post>{teaser}</article><article class=post>{whole}</article></article></body></html>"
    );
    let page = extract(&html, None);
    assert!(page.text.contains("The council will hear an appeal next month."), "{}", page.text);
    assert!(!page.text.contains("gardening") && !page.text.contains("keeping bees"), "{}", page.text);
    assert!(page.removed.iter().any(|p| p.label == "related stories" && p.text.contains("keeping bees")));
}

/// A box of related links inside the story covers only what is in the box.
#[test]
fn the_story_goes_on_after_a_box_of_related_links() {
    let html = format!(
        "<html><body><div class=article-body>{STORY}<div class=related><h2>Related Links</h2>\
         <ul><li><a href=/esa>European Space Agency website</a></li></ul></div>\
         <p>Challenges include designing the spacecraft to operate largely on its own while the crew sleeps.</p>\
         </div></body></html>"
    );
    let page = extract(&html, None);
    assert!(page.text.contains("Challenges include designing the spacecraft"), "{}", page.text);
    assert!(!page.text.contains("European Space Agency website"));
}

/// A tweet the story reports on is a statement in it, though its wrapper is "social".
#[test]
fn an_embedded_post_is_kept_as_part_of_the_story() {
    let html = format!(
        "<html><body><article>{STORY}<div class=social-media-embed><blockquote class=twitter-tweet>\
         <p lang=en>Yes this is real and the state spent half a million on it: <a href=https://t.co/x>https://t.co/x</a></p>\
         — Jane Doe (@janedoe) <a href=https://twitter.com/janedoe/status/1>November 18, 2019</a></blockquote></div>\
         <p>So many people were talking about the slogan that it became a top trend on the site.</p></article></body></html>"
    );
    let page = extract(&html, None);
    assert!(page.text.contains("Yes this is real and the state spent half a million"), "{}", page.text);
    assert!(page.text.contains("became a top trend"));
}

#[test]
fn a_tag_list_of_any_length_is_left_out() {
    let tags = (0..30).map(|i| format!("stock car round {i}")).collect::<Vec<_>>().join(", ");
    let html = format!("<html><body><article>{STORY}<p>Tags<br>{tags}</p></article></body></html>");
    let page = extract(&html, None);
    assert!(!page.text.contains("stock car round 7"), "{}", page.text);
    assert!(page.removed.iter().any(|p| p.label == "tags"));
}

/// WordPress writes who wrote a post into its wrapper's classes (`author-jane-doe`): that does
/// not make every short paragraph of the post a byline.
#[test]
fn a_blog_post_wrapper_naming_its_author_is_not_an_author_box() {
    let lines = "<p><b>Carlos:</b> Here I am beside Eugene, an old friend of the blog.</p>\
                 <p><b>Eugene:</b> Thanks to you, Carlos.</p><p><b>Carlos:</b> And what are we up to now?</p>";
    let html = format!(
        "<html><body><article class=\"post-3708 post type-post status-publish hentry author-carlos-nadalim \
         category-music tag-songs\"><div class=entry-content>{lines}{STORY}</div></article></body></html>"
    );
    let page = extract(&html, None);
    assert!(page.text.contains("Thanks to you, Carlos."), "{}", page.text);
    assert!(page.text.contains("And what are we up to now?"));
    assert!(!page.removed.iter().any(|p| p.label == "byline"), "{:?}", page.removed);
}
