//! Fuzzes `source::read` (the first byte picks plain text, Markdown or HTML); the checks are in
//! tests/support/fuzzing.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    article_annotator_fuzz::fuzzing::source_read(data);
});
