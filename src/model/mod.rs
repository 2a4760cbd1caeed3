//! The pure core: articles, text, formats. Nothing here touches the browser, so all of it
//! builds and is tested natively, and none of it can fail for reasons outside its inputs.

pub mod anchoring;
pub mod attribution;
pub mod authorship;
pub mod desk;
pub mod diff;
pub mod documents;
pub mod extract;
pub mod first_paint;
pub mod formats;
pub mod history;
pub mod json;
pub mod leftovers;
pub mod library;
pub mod limits;
pub mod motion;
pub mod offsets;
pub mod put_back;
pub mod reasons;
pub mod source;
pub mod span;
pub mod stored;
pub mod summary;
pub mod text;
pub mod verdicts;
pub mod work;
