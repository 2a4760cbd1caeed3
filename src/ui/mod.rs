//! Leptos components. They arrange and wire; text, offsets and formats are the model's business.

mod annotation_actions;
mod annotation_editor;
mod annotations_panel;
mod annotator;
pub mod app;
mod app_bar;
pub mod article_text;
mod conflicts;
mod desk;
mod details_form;
mod export_menu;
mod fact_check;
mod file_actions;
mod import_button;
mod label_mapping;
mod leftovers_review;
mod library_dialog;
mod modal;
mod new_article_dialog;
mod notices;
mod orphans;
pub mod persistence;
mod print_report;
mod reader;
mod removed_parts;
mod sent_page_dialog;
mod span_handles;
pub mod state;
mod suggestion_actions;
mod suggestions;
mod summary;
mod text_popups;
mod versions;

pub use app::App;
