//! The only code that touches the browser beyond the DOM that Leptos renders: storage, files,
//! the clock. Kept thin; decisions are made in `model`.

mod changes_feed;
pub mod clock;
pub mod crash;
pub mod database;
pub mod desk;
pub mod events;
pub mod files;
pub mod first_paint;
pub mod handoff;
pub mod highlights;
pub mod js_text;
pub mod label_mapping;
pub mod move_in;
pub mod storage;
pub mod text_dom;
pub mod worker;
