//! The locale's language, read once from the environment (`LC_ALL`,
//! `LC_MESSAGES`, `LANG`, GNU `LANGUAGE`) and handed to the core, which
//! reads no environment itself; and the one note about a language
//! aftercare does not have.

use std::io::Write;

use crate::i18n::{self, Choice, LocaleVars};

/// The language the environment asks for. Read once per process and kept
/// for its life (`Defaults` holds it by reference).
pub(crate) fn from_env() -> &'static Choice {
    static CHOICE: std::sync::OnceLock<Choice> = std::sync::OnceLock::new();
    CHOICE.get_or_init(|| {
        let var = |name: &str| std::env::var(name).ok();
        i18n::from_locale(&LocaleVars {
            lc_all: var("LC_ALL"),
            lc_messages: var("LC_MESSAGES"),
            lang: var("LANG"),
            language: var("LANGUAGE"),
        })
    })
}

/// For a command: one warning line on stderr when the language asked for
/// is not available (English is used).
pub(crate) fn warn_unsupported(choice: &Choice) {
    if let Some(note) = choice.note() {
        let _ = writeln!(std::io::stderr(), "warning: {note}");
    }
}
