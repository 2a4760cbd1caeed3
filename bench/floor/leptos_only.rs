//! The size floor's "minimal Leptos page": the page of `page.rs` with the core left out (the
//! button joins the two strings).

#[path = "page.rs"]
mod page;

fn main() {
    page::mount(|stored, input| format!("{stored}{input}"));
}
