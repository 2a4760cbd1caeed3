//! Memory benchmark: the peak and the resident heap of each step the app takes when it starts
//! on a stored library (decode it, run the attribution assistant, build the summary's reasons,
//! step the keyboard caret, encode it again) and of importing its export, counted by a global
//! allocator, natively. Pointers are 8 bytes here and 4 in wasm32, so the
//! figures are an upper bound of the wasm's, whose memory never shrinks: its size is the
//! highest peak. Each step is printed against the stored value's own size, measured in the
//! same run.
//!
//! ```text
//! node bench/peers/write-library.mjs > target/bench-library.json
//! cargo bench --bench memory -- target/bench-library.json
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use article_annotator::model::formats::{export, import};
use article_annotator::model::library::Library;
use article_annotator::model::motion::{self, Unit};
use article_annotator::model::offsets::CharOffset;
use article_annotator::model::{attribution, stored, summary::ReasonCache};

/// Counts the bytes in use and the most ever in use since the last [`Counting::reset_peak`].
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// The stored value's length in bytes: the baseline of the figures.
static STORED: AtomicUsize = AtomicUsize::new(1);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = IN_USE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn reset_peak() -> usize {
    let now = IN_USE.load(Relaxed);
    PEAK.store(now, Relaxed);
    now
}

fn mb(bytes: usize) -> String {
    format!("{:.2} MB", bytes as f64 / 1e6)
}

/// Runs `step`, prints what it kept and its peak above what was in use before, and its time
/// (once, natively: a sign of the order of things, not a benchmark of speed).
fn measure<T>(name: &str, step: impl FnOnce() -> T) -> T {
    let before = reset_peak();
    let started = std::time::Instant::now();
    let out = step();
    let took = started.elapsed().as_secs_f64() * 1_000.0;
    let (after, peak) = (IN_USE.load(Relaxed), PEAK.load(Relaxed));
    println!(
        "- {name}: keeps {}, peak +{} ({:.2}x the stored value), {took:.0} ms",
        mb(after.saturating_sub(before)),
        mb(peak - before),
        (peak - before) as f64 / STORED.load(Relaxed) as f64
    );
    out
}

fn main() {
    // `cargo bench` passes `--bench`; the path is the one other argument.
    let Some(path) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else {
        eprintln!("usage: cargo bench --bench memory -- STORED_LIBRARY.json (see bench/README.md)");
        std::process::exit(2);
    };
    let raw = std::fs::read_to_string(path).expect("a readable stored library");
    STORED.store(raw.len(), Relaxed);
    println!("stored library: {} ({} characters)", mb(raw.len()), raw.chars().count());
    let library = measure("decode", || stored::decode(&raw).expect("a library"));
    let article = library.current().expect("an article");
    println!(
        "  {} annotations, {} links, text {}",
        article.annotations.len(),
        article.links.len(),
        mb(article.text.len())
    );
    measure("attribution::suggest", || attribution::suggest(&article.text).len());
    let mut reasons = ReasonCache::default();
    measure("summary reasons", || reasons.unexplained(article).len());
    let middle = CharOffset(article.text.chars().count() / 2);
    measure("a keyboard caret step (by sentence)", || motion::step(&article.text, middle, Unit::Sentence, true));
    measure("encode into one string", || stored::encode(&library).len());
    // What the app does: each piece goes on to JS at once (`browser::storage::encode`).
    measure("encode, written out as it goes", || stored::encode_to(&library, std::io::sink()).is_ok());
    // Importing the library's own export, as "Export library" then "Import" does; its figures
    // are against the export file's size, which spells quotes and context out.
    let provenance = export::Provenance { exported: "2026-12-01".into(), app_version: "bench".into() };
    let file = export::export(&library.articles, &library.ratings, &library.off_scale, &provenance);
    STORED.store(file.len(), Relaxed);
    println!("export file: {} (the import's figures are against it)", mb(file.len()));
    measure("import into the same library (all already there)", || {
        import::import(&file, &library, None).map(|i| i.already_there).expect("an import")
    });
    measure("import into an empty library", || {
        import::import(&file, &Library::default(), None).map(|i| i.annotations_added).expect("an import")
    });
    // A colleague's copy of the article: the same text with annotations of their own.
    let mut theirs = library.clone();
    for article in &mut theirs.articles {
        let rename = |id: &mut String| id.insert_str(0, "colleague-");
        article.annotations.iter_mut().for_each(|a| rename(&mut a.id));
        article.links.iter_mut().for_each(|l| [&mut l.claim, &mut l.source].into_iter().for_each(rename));
        article.verdicts.iter_mut().for_each(|v| rename(&mut v.claim));
        article.suggested.iter_mut().for_each(rename);
    }
    let copy = export::export(&theirs.articles, &theirs.ratings, &theirs.off_scale, &provenance);
    measure("import a colleague's copy into the library (all annotations new)", || {
        import::import(&copy, &library, None).map(|i| i.annotations_added).expect("an import")
    });
    println!("in use at the end: {}", mb(IN_USE.load(Relaxed)));
}
