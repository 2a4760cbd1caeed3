//! The fuzz targets' bodies: the same file the native regression test replays saved inputs
//! with, so that a crash found here is reproduced there byte for byte.

#[path = "../../tests/support/fuzzing.rs"]
pub mod fuzzing;
