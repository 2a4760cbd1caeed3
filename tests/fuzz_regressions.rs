//! Replays every saved fuzz input in `tests/data/fuzz-regressions/<target>/` through the same
//! code the fuzz target runs (`support/fuzzing.rs`): crashes `scripts/fuzz` found, and nasty
//! hand-made seeds. None may panic; a seed whose name starts with `refused-` must also be
//! refused (the parser returns an error, not a value).

#[path = "support/fuzzing.rs"]
mod fuzzing;

use std::path::Path;

#[test]
fn every_saved_fuzz_input_is_handled_without_a_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz-regressions");
    let mut replayed = 0;
    for target in fuzzing::TARGETS {
        let Ok(entries) = std::fs::read_dir(root.join(target)) else { continue };
        let mut paths: Vec<_> = entries.map(|e| e.expect("a readable folder").path()).collect();
        paths.sort();
        for path in paths {
            let data = std::fs::read(&path).expect("a readable input");
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let accepted = fuzzing::run(target, &data).expect("a known target");
            assert!(!(accepted && name.starts_with("refused-")), "{target}/{name} was accepted");
            replayed += 1;
        }
    }
    // The hand-made seeds are always there: a wrong path must not pass by replaying nothing.
    assert!(replayed >= 10, "only {replayed} inputs replayed from {}", root.display());
}
