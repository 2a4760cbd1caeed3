//! Fuzzes `formats::import::import` (the first byte picks an empty library or one holding an
//! article); the checks are in tests/support/fuzzing.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    article_annotator_fuzz::fuzzing::import_file(data);
});
