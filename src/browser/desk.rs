//! A desk through CouchDB's protocol: signing in with `_session` and PouchDB's live sync
//! (`desk.js`), typed; the desk's settings in localStorage (never a password).

use gloo_storage::{LocalStorage, Storage};
use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use super::database::Database;
use crate::model::desk::{DeskError, DeskSettings, SyncState, answer_error};

#[wasm_bindgen(module = "/src/browser/desk.js")]
extern "C" {
    #[wasm_bindgen(js_name = signIn, catch)]
    async fn sign_in_js(server: &str, name: &str, password: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = sessionName)]
    async fn session_name_js(server: &str) -> JsValue;
    #[wasm_bindgen(js_name = signOut)]
    async fn sign_out_js(server: &str);
    #[wasm_bindgen(js_name = checkDesk, catch)]
    async fn check_desk_js(server: &str, desk: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = startSync)]
    fn start_sync_js(
        local: &JsValue,
        server: &str,
        desk: &str,
        shared: &js_sys::Set,
        report: &js_sys::Function,
        arrived: &js_sys::Function,
    ) -> JsValue;
    #[wasm_bindgen(js_name = sendArticle, catch)]
    async fn send_article_js(handle: &JsValue, local: &JsValue, prefix: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = stopSync)]
    fn stop_sync_js(handle: &JsValue);
}

/// Where the desk's settings are kept.
const SETTINGS_KEY: &str = "article-annotator/desk";

/// The desk this browser was connected to, if any.
pub fn settings() -> Option<DeskSettings> {
    LocalStorage::get(SETTINGS_KEY).ok()
}

/// Keeps the desk's settings (or forgets them).
pub fn keep_settings(settings: Option<&DeskSettings>) {
    match settings {
        Some(settings) => {
            let _ = LocalStorage::set(SETTINGS_KEY, settings);
        }
        None => LocalStorage::delete(SETTINGS_KEY),
    }
}

fn error_of(value: &JsValue, desk: &str, signing_in: bool) -> DeskError {
    let status = Reflect::get(value, &"status".into()).ok().and_then(|s| s.as_f64()).unwrap_or(0.0) as u16;
    let reason = Reflect::get(value, &"reason".into()).ok().and_then(|r| r.as_string()).unwrap_or_default();
    answer_error(status, &reason, desk, signing_in)
}

/// Signs in to the server and checks that the user may read the desk.
pub async fn sign_in(server: &str, desk: &str, user: &str, password: &str) -> Result<(), DeskError> {
    sign_in_js(server, user, password).await.map_err(|e| error_of(&e, desk, true))?;
    if let Err(e) = check_desk_js(server, desk).await {
        // A session that cannot use the desk is not kept.
        sign_out_js(server).await;
        return Err(error_of(&e, desk, false));
    }
    Ok(())
}

/// Whether the session cookie still signs `user` in.
pub async fn signed_in_as(server: &str, user: &str) -> bool {
    session_name_js(server).await.as_string().as_deref() == Some(user)
}

/// Ends the session.
pub async fn sign_out(server: &str) {
    sign_out_js(server).await;
}

/// The live sync with a desk.
pub struct Sync {
    handle: JsValue,
    local: JsValue,
    shared: js_sys::Set,
}

impl Sync {
    /// Starts syncing the local database with the desk: `report` hears the state and the
    /// changes waiting, `arrived` the articles documents came in for.
    pub fn start(
        db: &Database,
        settings: &DeskSettings,
        report: impl Fn(SyncState, u32) + 'static,
        arrived: impl Fn(Vec<String>) + 'static,
    ) -> Sync {
        let shared = js_sys::Set::new(&JsValue::UNDEFINED);
        for id in &settings.shared {
            shared.add(&id.into());
        }
        let report = Closure::<dyn Fn(String, u32)>::new(move |state: String, waiting: u32| {
            report(SyncState::from_name(&state), waiting)
        });
        let arrived = Closure::<dyn Fn(Vec<String>)>::new(arrived);
        let local = db.js();
        let handle = start_sync_js(
            &local,
            &settings.server,
            &settings.desk,
            &shared,
            report.as_ref().unchecked_ref(),
            arrived.as_ref().unchecked_ref(),
        );
        // They live as long as the sync, which lives as long as the page or until stopped.
        report.forget();
        arrived.forget();
        Sync { handle, local, shared }
    }

    /// Shares an article from now on, sending what it has already.
    pub async fn share(&self, article: &str) {
        self.shared.add(&article.into());
        let prefix = crate::model::documents::article_prefix(article);
        let _ = send_article_js(&self.handle, &self.local, &prefix).await;
    }

    /// Takes articles that came from the desk as shared (their changes go back to it).
    pub fn take_as_shared(&self, articles: &[String]) {
        for id in articles {
            self.shared.add(&id.into());
        }
    }

    /// Stops syncing.
    pub fn stop(&self) {
        stop_sync_js(&self.handle);
    }
}
