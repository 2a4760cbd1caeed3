//! The labels of other tools' files mapped to kinds, remembered in localStorage for the next
//! import (`ui::label_mapping`).

use std::collections::HashMap;

use gloo_storage::{LocalStorage, Storage};

/// Where the mapping is kept: label (folded to lower case) -> `claim`, `source`,
/// `anonymous_attribution` or `skip`.
const KEY: &str = "article-annotator/label-mapping";

/// The mapping chosen before; empty if none, or if what is stored cannot be read.
pub fn remembered() -> HashMap<String, String> {
    LocalStorage::get(KEY).unwrap_or_default()
}

/// Remembers these choices with the earlier ones (a full storage keeps the earlier ones).
pub fn remember(choices: &[(String, String)]) {
    let mut all = remembered();
    for (label, choice) in choices {
        all.insert(label.to_lowercase(), choice.clone());
    }
    let _ = LocalStorage::set(KEY, &all);
}
