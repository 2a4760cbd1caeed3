//! The size floor's "core and a minimal Leptos page": the pure core behind the page of
//! `page.rs`.

#[path = "exercise.rs"]
mod exercise;
#[path = "page.rs"]
mod page;

fn main() {
    page::mount(exercise::exercise);
}
