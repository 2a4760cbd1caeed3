//! A page sent by the browser extension or the bookmarklet: read as a dropped web page is (its
//! article only, nothing run), then shown with its title, address and opening (and, from a
//! bookmarklet, the origin of the page that sent it) before it is added.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::modal::Modal;
use super::state::{AppState, Dialog};
use super::versions::SamePage;
use crate::browser::handoff::{self, SentPage};
use crate::model::source::{self, Draft, SourceFormat};
use crate::model::text;

/// What arrived: the article read from it and the address it was sent from.
#[derive(Clone)]
struct Arrived {
    draft: Draft,
    url: String,
    from_selection: bool,
    sender: Option<String>,
}

/// The article of a sent page: the selected text if there was one, else the page's article.
async fn read(page: SentPage) -> Result<Arrived, String> {
    let from_selection = !page.selection.trim().is_empty();
    let sender = page.sender.clone();
    // The same limit as a dropped file's, before the page goes to the worker.
    let size = if from_selection { page.selection.len() } else { page.html.len() };
    if let Some(why) = crate::model::limits::file_too_large(&page.title, size as u64) {
        return Err(why);
    }
    let mut draft = if from_selection {
        source::read_text(&page.selection, SourceFormat::Plain).map_err(|e| e.to_string())?
    } else {
        let extraction = crate::browser::worker::read_page(page.html).await?;
        source::from_page(extraction).map_err(|e| e.to_string())?
    };
    if from_selection && !page.title.trim().is_empty() {
        draft.title = text::single_line(&page.title);
    }
    let url = draft.meta.url.clone().unwrap_or(page.url);
    Ok(Arrived { draft, url, from_selection, sender })
}

#[component]
pub fn SentPageDialog() -> impl IntoView {
    let state = AppState::get();
    let arrived = RwSignal::new(None::<Arrived>);
    handoff::receive(move |page| {
        state.announcement.set("Reading the page sent to the annotator…".into());
        spawn_local(async move {
            match read(page).await {
                Ok(found) => {
                    arrived.set(Some(found));
                    state.dialog.set(Some(Dialog::SentPage));
                }
                Err(e) => state.fail(format!("The page sent to the annotator was not added. {e}")),
            }
        });
    });
    let close = move || {
        arrived.set(None);
        if state.dialog.get_untracked() == Some(Dialog::SentPage) {
            state.dialog.set(None);
        }
    };
    let add = move |_| {
        let Some(found) = arrived.get_untracked() else { return };
        let published = found.draft.meta.published.clone().unwrap_or_default();
        if state.add_draft_with_details(found.draft.clone(), &found.url, &published).is_err() {
            // An address the details refuse (not http or https): the article without it.
            state.add_draft(found.draft);
        }
        close();
    };
    // A page whose address is already in the library comes as its next version.
    let same_page = Memo::new(move |_| {
        arrived.with(|found| {
            let found = found.as_ref()?;
            state.library.with(|l| l.find_by_url(&found.url).map(|a| SamePage::of(a, &found.draft.text)))
        })
    });
    let add_version = move |_| {
        let (Some(found), Some(same)) = (arrived.get_untracked(), same_page.get_untracked()) else { return };
        state.add_version(&same.id, found.draft);
        close();
    };
    let field = move |pick: fn(&Arrived) -> String| move || arrived.with(|a| a.as_ref().map(pick).unwrap_or_default());
    view! {
        <Modal
            kind=Dialog::SentPage
            on_close=Callback::new(move |()| close())
            heading="A page sent to the annotator"
            heading_id="sent-page-heading"
        >
            <div class="sent-page">
                <p class="sent-page-sender">
                    {field(|a| match &a.sender {
                        None => "From the browser extension.".to_string(),
                        Some(origin) => {
                            format!(
                                "From a bookmarklet, on a page of {origin}. Any page can send one: add it only if you sent it.",
                            )
                        }
                    })}
                </p>
                <p class="hint">
                    {field(|a| {
                        if a.from_selection {
                            "The text you selected. Nothing in the page was run.".to_string()
                        } else {
                            "Its article only: the rest of the page was left out, and nothing in it was run.".to_string()
                        }
                    })}
                </p>
                <dl>
                    <dt>"Title"</dt>
                    <dd>{field(|a| a.draft.title.clone())}</dd>
                    <dt>"Address"</dt>
                    <dd class="sent-page-url">{field(|a| a.url.clone())}</dd>
                    <dt>"Length"</dt>
                    <dd>{field(|a| format!("{} words", text::word_count(&a.draft.text)))}</dd>
                </dl>
                <blockquote class="sent-page-opening">{field(|a| text::excerpt(&a.draft.text, 400))}</blockquote>
                {move || {
                    same_page
                        .get()
                        .map(|same| {
                            let said = if same.unchanged {
                                format!(
                                    "This page is already in the library as “{}”, with the same text: adding it as a version changes nothing.",
                                    same.title,
                                )
                            } else {
                                format!(
                                    "This page is already in the library as “{}”. Added as version {}, it becomes the text you read; the earlier versions are kept, the annotations move to the new text, and those whose passage is gone become orphans.",
                                    same.title,
                                    same.next,
                                )
                            };
                            view! { <p class="sent-page-same">{said}</p> }
                        })
                }}
                <div class="form-actions">
                    <Show when=move || same_page.with(Option::is_some)>
                        <button type="button" class="primary" on:click=add_version>
                            "Add as a new version"
                        </button>
                    </Show>
                    <button type="button" class:primary=move || same_page.with(Option::is_none) on:click=add>
                        {move || if same_page.with(Option::is_some) { "Add as a separate article" } else { "Add to library" }}
                    </button>
                    <button type="button" on:click=move |_| close()>
                        "Discard"
                    </button>
                </div>
            </div>
        </Modal>
    }
}
