//! Property: exporting any library and importing the file into an empty library gives back the
//! same library. Libraries are generated from a seeded generator (emoji, combining accents, CJK,
//! right-to-left text, overlapping annotations, notes with quotes and line breaks).

#[path = "support/libraries.rs"]
mod libraries;

use article_annotator::model::formats::export::{Provenance, export};
use article_annotator::model::formats::import::import;
use article_annotator::model::library::Library;
use libraries::Generator;

#[test]
fn export_then_import_into_an_empty_library_is_the_identity() {
    let provenance = Provenance { exported: "2026-11-25T12:00:00.000Z".into(), app_version: "0.1.0".into() };
    let mut generator = Generator(2026);
    for case in 0..300 {
        let library = generator.library();
        let file = export(&library.articles, &Library::default().ratings, &Library::default().off_scale, &provenance);
        let imported = import(&file, &Library::default(), None).unwrap_or_else(|e| panic!("case {case}: {e}\n{file}"));
        assert_eq!(imported.library.articles, library.articles, "case {case}");
        assert_eq!(imported.annotations_added, library.articles.iter().map(|a| a.annotations.len()).sum::<usize>());
        let again = import(&file, &imported.library, None).unwrap();
        assert_eq!(again.library, imported.library, "case {case}: a second import changes nothing");
    }
}
