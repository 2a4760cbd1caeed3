//! Desks in the page: "Connect to a desk" and its dialog, the sync's state at a glance, and
//! "Share with desk" on an article.

use std::rc::Rc;

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::modal::Modal;
use super::state::{AppState, Dialog};
use crate::browser::database::Database;
use crate::browser::desk::{self, Sync};
use crate::model::desk::{DEFAULT_PATH, DeskError, DeskSettings, SyncState, server_address};
use crate::model::documents::article_prefix;

/// The desk connection of this page, shared by its components.
#[derive(Clone, Copy)]
pub struct DeskLink {
    /// The desk connected to, if any.
    pub settings: RwSignal<Option<DeskSettings>>,
    /// Where the sync stands, and the changes waiting to be sent.
    pub state: RwSignal<(SyncState, u32)>,
    sync: StoredValue<Option<Rc<Sync>>, LocalStorage>,
    db: StoredValue<Option<Database>, LocalStorage>,
    app: AppState,
}

impl DeskLink {
    /// Provides the link for the page; resumes the desk connected to before, if its session
    /// still holds. `db` is `None` when nothing can be stored, and then desks cannot be used.
    pub fn provide(db: Option<Database>) {
        let link = DeskLink {
            settings: RwSignal::new(desk::settings()),
            state: RwSignal::new((SyncState::Syncing, 0)),
            sync: StoredValue::new_local(None),
            db: StoredValue::new_local(db),
            app: AppState::get(),
        };
        provide_context(link);
        // Changes are made by the desk's user while the desk is set, signed in or not: work done
        // while signed out is theirs when it goes out.
        Effect::new(move |_| {
            link.app.author.set(link.settings.with(|s| s.as_ref().map(|s| s.user.clone()).unwrap_or_default()));
        });
        if let Some(settings) = link.settings.get_untracked() {
            spawn_local(async move {
                if desk::signed_in_as(&settings.server, &settings.user).await {
                    link.start(&settings);
                } else {
                    link.state.set((SyncState::SignedOut, 0));
                }
            });
        }
    }

    pub fn get() -> DeskLink {
        expect_context::<DeskLink>()
    }

    /// The browser's database, if anything can be stored.
    pub fn database(&self) -> Option<Database> {
        self.db.get_value()
    }

    fn start(self, settings: &DeskSettings) {
        let Some(db) = self.db.get_value() else { return };
        if let Some(old) = self.sync.get_value() {
            old.stop();
        }
        let state = self.state;
        let settings_signal = self.settings;
        let sync_slot = self.sync;
        let sync = Sync::start(
            &db,
            settings,
            move |now, waiting| {
                state.try_set((now, waiting));
            },
            move |articles| {
                if let Some(sync) = sync_slot.try_get_value().flatten() {
                    sync.take_as_shared(&articles);
                }
                settings_signal.try_update(|s| {
                    if let Some(s) = s.as_mut()
                        && s.share(articles)
                    {
                        desk::keep_settings(Some(s));
                    }
                });
            },
        );
        self.sync.set_value(Some(Rc::new(sync)));
        // Versions made apart that are still waiting for a choice (from before a reload, say).
        let state = self.app;
        let shared = settings.shared.clone();
        spawn_local(async move {
            for article in shared {
                if let Ok(docs) = db.read_conflicted(&article_prefix(&article)).await {
                    for json in docs {
                        super::conflicts::take_in(state, &db, &json);
                    }
                }
            }
        });
    }

    /// Signs in and starts syncing; the settings are kept only once that worked.
    async fn connect(self, mut settings: DeskSettings, password: String) -> Result<(), DeskError> {
        desk::sign_in(&settings.server, &settings.desk, &settings.user, &password).await?;
        if let Some(old) =
            self.settings.get_untracked().filter(|old| old.server == settings.server && old.desk == settings.desk)
        {
            settings.shared = old.shared;
        }
        desk::keep_settings(Some(&settings));
        self.state.set((SyncState::Syncing, 0));
        self.start(&settings);
        self.settings.set(Some(settings));
        Ok(())
    }

    /// Signs out and stops syncing; the shared articles stay in this browser.
    async fn disconnect(self) {
        if let Some(sync) = self.sync.get_value() {
            sync.stop();
        }
        self.sync.set_value(None);
        if let Some(settings) = self.settings.get_untracked() {
            desk::sign_out(&settings.server).await;
        }
        desk::keep_settings(None);
        self.settings.set(None);
    }

    /// Shares an article with the desk.
    fn share(self, article: String) {
        self.settings.update(|s| {
            if let Some(s) = s.as_mut()
                && s.share([article.clone()])
            {
                desk::keep_settings(Some(s));
            }
        });
        if let Some(sync) = self.sync.get_value() {
            spawn_local(async move { sync.share(&article).await });
        }
    }
}

/// The app bar's desk button: "Connect to a desk", or the desk's state at a glance.
#[component]
pub fn DeskButton() -> impl IntoView {
    let state = AppState::get();
    let link = DeskLink::get();
    let label = move || match link.settings.get() {
        None => "Connect to a desk".to_string(),
        Some(settings) => {
            let (now, waiting) = link.state.get();
            format!("{}: {}", settings.desk, now.describe(waiting))
        }
    };
    view! {
        <button type="button" class="desk-button" on:click=move |_| state.dialog.set(Some(Dialog::Desk))>
            {label}
        </button>
    }
}

/// The dialog that connects to a desk, or shows the desk connected to.
#[component]
pub fn DeskDialog() -> impl IntoView {
    let state = AppState::get();
    let link = DeskLink::get();
    let server_input = NodeRef::<html::Input>::new();
    let desk_input = NodeRef::<html::Input>::new();
    let user_input = NodeRef::<html::Input>::new();
    let password_input = NodeRef::<html::Input>::new();
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let close = move || {
        state.dialog.set(None);
        error.set(None);
        if let Some(input) = password_input.get_untracked() {
            input.set_value("");
        }
    };
    let connect = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = |input: NodeRef<html::Input>| input.get().map(|i| i.value().trim().to_string()).unwrap_or_default();
        let origin = window().location().origin().unwrap_or_default();
        let server = match server_address(&value(server_input), &origin) {
            Ok(server) => server,
            Err(e) => return error.set(Some(e.to_string())),
        };
        let (desk, user) = (value(desk_input), value(user_input));
        let password = password_input.get().map(|i| i.value()).unwrap_or_default();
        let missing = [("Desk", desk.is_empty()), ("User name", user.is_empty()), ("Password", password.is_empty())];
        if let Some((field, _)) = missing.iter().find(|(_, empty)| *empty) {
            return error.set(Some(DeskError::Missing(field).to_string()));
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let settings = DeskSettings { server, desk, user, shared: Vec::new() };
            let outcome = link.connect(settings, password).await;
            busy.set(false);
            match outcome {
                Ok(()) => {
                    close();
                    state.inform("Connected to the desk. Share an article with it to check it together.", None);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let connected = move || link.settings.get();
    let prefill = move || link.settings.get().unwrap_or_default();
    view! {
        <Modal
            kind=Dialog::Desk
            on_close=Callback::new(move |()| close())
            heading="Desk"
            heading_id="desk-heading"
        >
            {move || {
                connected()
                    .map(|settings| {
                        let (now, waiting) = link.state.get();
                        view! {
                            <p>
                                {format!(
                                    "Connected to the desk “{}” as {}: {}. {} shared article{}.",
                                    settings.desk,
                                    settings.user,
                                    now.describe(waiting),
                                    settings.shared.len(),
                                    if settings.shared.len() == 1 { "" } else { "s" },
                                )}
                            </p>
                        }
                    })
            }}
            <form class="desk-form" on:submit=connect novalidate>
                <label>
                    "Server address"
                    <input
                        type="text"
                        node_ref=server_input
                        value=move || {
                            let server = prefill().server;
                            if server.is_empty() { DEFAULT_PATH.to_string() } else { server }
                        }
                        autocomplete="url"
                    />
                </label>
                <label>
                    "Desk"
                    <input type="text" node_ref=desk_input value=move || prefill().desk autocomplete="off" />
                </label>
                <label>
                    "User name"
                    <input type="text" node_ref=user_input value=move || prefill().user autocomplete="username" />
                </label>
                <label>
                    "Password"
                    <input type="password" node_ref=password_input autocomplete="current-password" />
                </label>
                <p class="form-error" role="alert">
                    {move || error.get()}
                </p>
                <p class="hint">
                    "The password goes to the desk server once, to sign in; it is kept nowhere. Articles stay in this browser too, and work goes on without the server."
                </p>
                <div class="form-actions">
                    <button type="submit" class="primary" disabled=move || busy.get()>
                        {move || if connected().is_some() { "Connect again" } else { "Connect" }}
                    </button>
                    <Show when=move || connected().is_some()>
                        <button type="button" on:click=move |_| {
                            spawn_local(async move {
                                link.disconnect().await;
                                close();
                                state.inform("Disconnected from the desk. Its articles stay in this browser.", None);
                            })
                        }>"Disconnect"</button>
                    </Show>
                    <button type="button" on:click=move |_| close()>
                        "Cancel"
                    </button>
                </div>
            </form>
        </Modal>
    }
}

/// "Share with desk" for an article, or that it is shared.
#[component]
pub fn ShareWithDesk(
    /// The article's id.
    id: String,
) -> impl IntoView {
    let link = DeskLink::get();
    let id = StoredValue::new(id);
    let shared = move || link.settings.with(|s| s.as_ref().map(|s| (s.desk.clone(), s.shares(&id.read_value()))));
    move || match shared() {
        None => None,
        Some((desk, true)) => {
            Some(view! { <span class="share-desk shared-mark">{format!("Shared with {desk}")}</span> }.into_any())
        }
        Some((_, false)) => Some(
            view! {
                <button type="button" class="share-desk" on:click=move |_| link.share(id.get_value())>
                    "Share with desk"
                </button>
            }
            .into_any(),
        ),
    }
}
