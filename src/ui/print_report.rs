//! The report on the printed page: the same [`Report`] as the Markdown export, as elements of
//! the page after the article. It is made only while the page is printed (from `beforeprint`,
//! or as soon as the page's media is `print`) and dropped after, so that it costs nothing while
//! annotating a long article; style/print.css shows it in print only.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::state::AppState;
use crate::browser::clock;
use crate::model::formats::report::{Changes, Detail, Entry, EvidenceLink, Reference, Report, Section};
use crate::model::library::is_web_url;
use crate::model::text;

/// A listener of the `print` media query; dropping it stops the listening.
struct PrintMedia {
    query: web_sys::MediaQueryList,
    callback: Closure<dyn FnMut(web_sys::Event)>,
}

impl PrintMedia {
    /// Calls `on_change` with whether the page is printed each time that changes. Printing
    /// fires `beforeprint` too, but a page shown as printed (an emulated medium) fires only this.
    fn listen(mut on_change: impl FnMut(bool) + 'static) -> Option<Self> {
        let query = window().match_media("print").ok().flatten()?;
        let watched = query.clone();
        let callback = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| on_change(watched.matches()));
        let _ = query.add_event_listener_with_callback("change", callback.as_ref().unchecked_ref());
        Some(PrintMedia { query, callback })
    }
}

impl Drop for PrintMedia {
    fn drop(&mut self) {
        let _ = self.query.remove_event_listener_with_callback("change", self.callback.as_ref().unchecked_ref());
    }
}

/// The open article's report, present only while the page is printed.
#[component]
pub fn PrintReport() -> impl IntoView {
    let state = AppState::get();
    let printing = RwSignal::new(false);
    let print = move |on: bool| {
        if printing.get_untracked() != on {
            printing.set(on);
        }
    };
    let before = window_event_listener_untyped("beforeprint", move |_| print(true));
    let after = window_event_listener_untyped("afterprint", move |_| print(false));
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    // Dropped, and so removed, with this component.
    let media = PrintMedia::listen(print);
    print(media.as_ref().is_some_and(|m| m.query.matches()));
    StoredValue::new_local(media);
    move || {
        if !printing.get() {
            return None;
        }
        let report = state
            .library
            .with(|l| l.current().map(|a| Report::of(a, &l.ratings, &text::readable_date(&clock::now_iso()))))?;
        Some(report_view(report))
    }
}

/// The report's elements. Every value entered (quotes, notes, names, addresses) is a text node;
/// only web addresses become links.
fn report_view(report: Report) -> impl IntoView {
    let Report { title: _, details, summary, sections, changes } = report;
    view! {
        <section class="print-report" aria-labelledby="print-report-heading">
            <h2 id="print-report-heading">"Report"</h2>
            <ul class="report-details">{details.into_iter().map(detail_view).collect_view()}</ul>
            <h3>"Summary"</h3>
            <ul class="report-summary">{summary.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            {sections.into_iter().map(section_view).collect_view()}
            {changes.map(changes_view)}
        </section>
    }
}

fn changes_view(changes: Changes) -> impl IntoView {
    let Changes { from, to, from_captured, to_captured, paragraphs } = changes;
    let heading = format!("Changes from version {from} ({from_captured}) to version {to} ({to_captured})");
    let items = paragraphs
        .into_iter()
        .map(|(place, pieces)| {
            view! { <li>{place}": "{pieces.into_iter().map(super::versions::piece_view).collect_view()}</li> }
        })
        .collect_view();
    view! {
        <div class="report-section what-changed">
            <h3>{heading}</h3>
            <ol class="report-entries">{items}</ol>
        </div>
    }
}

/// An address as a link if it is a web address, else as text.
fn address(url: String, label: String) -> AnyView {
    if is_web_url(&url) {
        view! {
            <a href=url rel="noopener noreferrer">
                {label}
            </a>
        }
        .into_any()
    } else {
        view! { <span>{label}</span> }.into_any()
    }
}

fn detail_view(detail: Detail) -> impl IntoView {
    let value = if detail.is_url { address(detail.value.clone(), detail.value) } else { detail.value.into_any() };
    view! { <li>{detail.label}": "{value}</li> }
}

fn section_view(section: Section) -> impl IntoView {
    let Section { kind, entries } = section;
    let heading = format!("{} ({})", kind.label(), entries.len());
    let body = if entries.is_empty() {
        view! { <p>"None."</p> }.into_any()
    } else {
        let slug = kind.slug();
        let items = entries.into_iter().map(move |entry| entry_view(slug, entry)).collect_view();
        view! { <ol class="report-entries">{items}</ol> }.into_any()
    };
    view! {
        <div class="report-section">
            <h3>{heading}</h3>
            {body}
        </div>
    }
}

/// References on one line: "Source “The Wall Street Journal”; Claim “…”".
fn references(refs: &[Reference]) -> String {
    refs.iter().map(Reference::to_string).collect::<Vec<_>>().join("; ")
}

fn evidence_view(evidence: EvidenceLink) -> impl IntoView {
    let EvidenceLink { label, url } = evidence;
    let shown_url = (label != url).then(|| view! { " (" <span class="report-url">{url.clone()}</span> ")" });
    view! { <li>"Evidence: "{address(url, label)}{shown_url}</li> }
}

fn entry_view(slug: &'static str, entry: Entry) -> impl IntoView {
    let Entry { quote, place, note, rests_on, verdict, backs } = entry;
    let note = (!note.is_empty()).then(|| view! { " Note: " <span class="report-note">{note}</span> });
    let rests_on = rests_on.map(|refs| {
        let rests = if refs.is_empty() { "nothing in the text".to_string() } else { references(&refs) };
        view! { <li>"Rests on: "{rests}</li> }
    });
    let verdict = verdict.map(|v| {
        let reasoning = (!v.reasoning.is_empty()).then(|| view! { <li>"Reasoning: "{v.reasoning}</li> });
        view! {
            <li>{format!("Verdict: {} ({})", v.rating, v.status)}</li>
            {v.evidence.into_iter().map(evidence_view).collect_view()}
            {reasoning}
        }
    });
    let backs = (!backs.is_empty()).then(|| view! { <li>"Backs: "{references(&backs)}</li> });
    view! {
        <li class=format!("report-entry kind-{slug}")>
            <blockquote class="report-quote">{quote}</blockquote>
            <p class="report-place">{format!("{place}.")}{note}</p>
            <ul class="report-facts">{rests_on}{verdict}{backs}</ul>
        </li>
    }
}
