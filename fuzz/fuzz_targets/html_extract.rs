//! Fuzzes `extract::extract`; the checks are in tests/support/fuzzing.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    article_annotator_fuzz::fuzzing::html_extract(data);
});
