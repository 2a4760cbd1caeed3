//! A desk: one CouchDB database that the checkers of a desk sync their shared articles through.
//! What is kept of it in this browser (never a password), where the app may reach it, and
//! what its state is called on the page.

use serde::{Deserialize, Serialize};

/// The desk this browser is connected to, as kept in localStorage. The session itself is
/// CouchDB's cookie, which the page cannot read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeskSettings {
    /// The server's address, on the app's own origin (see [`server_address`]).
    pub server: String,
    /// The desk's database name.
    pub desk: String,
    /// Who signed in.
    pub user: String,
    /// The articles shared with the desk, by id: sent to it, and those that came from it.
    #[serde(default)]
    pub shared: Vec<String>,
}

impl DeskSettings {
    /// Whether an article is shared with the desk.
    pub fn shares(&self, article: &str) -> bool {
        self.shared.iter().any(|id| id == article)
    }

    /// Adds articles to those shared; whether any was new.
    pub fn share(&mut self, articles: impl IntoIterator<Item = String>) -> bool {
        let before = self.shared.len();
        for id in articles {
            if !self.shares(&id) {
                self.shared.push(id);
            }
        }
        self.shared.len() > before
    }
}

/// The path of the app's origin where a deployment puts its desk server (README: Desks).
pub const DEFAULT_PATH: &str = "/couchdb";

/// Why a desk cannot be used, in words for the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeskError {
    /// The address is not on the app's own origin.
    OtherOrigin,
    /// A field was left empty.
    Missing(&'static str),
    /// The server did not answer.
    Unreachable,
    /// Wrong user name or password.
    WrongPassword,
    /// Signed in, but not a member of the desk.
    NotMember,
    /// No such desk on the server.
    NoSuchDesk(String),
    /// Anything else the server said.
    Refused(u16, String),
}

impl std::fmt::Display for DeskError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeskError::OtherOrigin => write!(
                f,
                "This app reaches a desk server only through its own address (for example {DEFAULT_PATH}): ask whoever runs it to put the server behind that path."
            ),
            DeskError::Missing(field) => write!(f, "Fill in “{field}”."),
            DeskError::Unreachable => {
                f.write_str("The desk server cannot be reached. Check the address, or try again later.")
            }
            DeskError::WrongPassword => f.write_str("The user name or password is wrong."),
            DeskError::NotMember => f.write_str("You are not a member of this desk."),
            DeskError::NoSuchDesk(desk) => write!(f, "There is no desk named “{desk}” on this server."),
            DeskError::Refused(status, reason) if reason.is_empty() => {
                write!(f, "The desk server refused it (HTTP {status}).")
            }
            DeskError::Refused(status, reason) => write!(f, "The desk server refused it (HTTP {status}: {reason})."),
        }
    }
}

/// The server's address as the app uses it, from what the user typed: a path of the app's own
/// origin (`/couchdb`), or a full address on that origin. Anything else is refused: the
/// Content-Security-Policy lets the page talk only to its own origin, and CouchDB's session
/// cookie stays first-party that way.
pub fn server_address(typed: &str, origin: &str) -> Result<String, DeskError> {
    let typed = typed.trim().trim_end_matches('/');
    if typed.is_empty() {
        return Err(DeskError::Missing("Server address"));
    }
    let path = if let Some(path) = typed.strip_prefix(origin) {
        path
    } else if typed.starts_with('/') && !typed.starts_with("//") {
        typed
    } else {
        return Err(DeskError::OtherOrigin);
    };
    if !(path.is_empty() || path.starts_with('/')) || path.contains("..") || path.contains('?') || path.contains('#') {
        return Err(DeskError::OtherOrigin);
    }
    Ok(format!("{origin}{path}"))
}

/// What signing in or reaching the desk answered (HTTP status, 0 for no answer), as an error.
pub fn answer_error(status: u16, reason: &str, desk: &str, signing_in: bool) -> DeskError {
    match status {
        0 | 502..=504 => DeskError::Unreachable,
        401 if signing_in => DeskError::WrongPassword,
        401 | 403 => DeskError::NotMember,
        404 if !signing_in => DeskError::NoSuchDesk(desk.to_string()),
        _ => DeskError::Refused(status, reason.to_string()),
    }
}

/// Where the sync stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncState {
    /// Sending or receiving.
    Syncing,
    /// Up to date both ways.
    Synced,
    /// The browser is offline.
    Offline,
    /// Online, but the desk does not answer: retrying.
    Unreachable,
    /// The session ended (expired, or signed out elsewhere): sign in again.
    SignedOut,
    /// The desk refused a change.
    Failed,
}

impl SyncState {
    /// The state as `desk.js` names it.
    pub fn from_name(name: &str) -> SyncState {
        match name {
            "synced" => SyncState::Synced,
            "offline" => SyncState::Offline,
            "unreachable" => SyncState::Unreachable,
            "signed-out" => SyncState::SignedOut,
            "failed" => SyncState::Failed,
            _ => SyncState::Syncing,
        }
    }

    /// The state at a glance, with the changes waiting to be sent where that matters.
    pub fn describe(self, waiting: u32) -> String {
        let waiting_text = match waiting {
            0 => String::new(),
            1 => ": 1 change waiting".into(),
            n => format!(": {n} changes waiting"),
        };
        match self {
            SyncState::Syncing => "Syncing".into(),
            SyncState::Synced => "Synced".into(),
            SyncState::Offline => format!("Offline{waiting_text}"),
            SyncState::Unreachable => format!("Cannot reach the desk: retrying{waiting_text}"),
            SyncState::SignedOut => "Signed out".into(),
            SyncState::Failed => "The desk refused a change".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "http://127.0.0.1:8080";

    #[test]
    fn the_server_is_reached_on_the_apps_own_origin_only() {
        assert_eq!(server_address("/couchdb/", ORIGIN), Ok(format!("{ORIGIN}/couchdb")));
        assert_eq!(server_address(" http://127.0.0.1:8080/couchdb ", ORIGIN), Ok(format!("{ORIGIN}/couchdb")));
        for other in [
            "http://127.0.0.1:5984",
            "https://evil.example/couchdb",
            "//evil.example/couchdb",
            "http://127.0.0.1:8080.evil.example/couchdb",
            "javascript:alert(1)",
            "/couchdb/../x",
            "couchdb",
        ] {
            assert_eq!(server_address(other, ORIGIN), Err(DeskError::OtherOrigin), "{other}");
        }
        assert_eq!(server_address("  ", ORIGIN), Err(DeskError::Missing("Server address")));
    }

    #[test]
    fn answers_become_plain_messages() {
        assert_eq!(answer_error(401, "", "newsdesk", true).to_string(), "The user name or password is wrong.");
        assert_eq!(answer_error(401, "", "newsdesk", false).to_string(), "You are not a member of this desk.");
        assert_eq!(answer_error(403, "", "newsdesk", false), DeskError::NotMember);
        assert_eq!(
            answer_error(404, "", "newsdesk", false).to_string(),
            "There is no desk named “newsdesk” on this server."
        );
        assert_eq!(answer_error(0, "", "newsdesk", true), DeskError::Unreachable);
        assert_eq!(
            answer_error(500, "boom", "newsdesk", false).to_string(),
            "The desk server refused it (HTTP 500: boom)."
        );
    }

    #[test]
    fn the_state_reads_at_a_glance() {
        assert_eq!(SyncState::from_name("synced").describe(0), "Synced");
        assert_eq!(SyncState::from_name("offline").describe(12), "Offline: 12 changes waiting");
        assert_eq!(SyncState::from_name("offline").describe(1), "Offline: 1 change waiting");
        assert_eq!(SyncState::from_name("unreachable").describe(0), "Cannot reach the desk: retrying");
        assert_eq!(SyncState::from_name("signed-out").describe(3), "Signed out");
        assert_eq!(SyncState::from_name("active").describe(0), "Syncing");
    }

    #[test]
    fn sharing_twice_shares_once() {
        let mut settings = DeskSettings::default();
        assert!(settings.share(["a".to_string(), "b".to_string()]));
        assert!(!settings.share(["a".to_string()]));
        assert_eq!(settings.shared, ["a", "b"]);
        assert!(settings.shares("b") && !settings.shares("c"));
    }
}
