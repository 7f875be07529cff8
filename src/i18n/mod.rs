//! The person's language: which one ([`Lang`], chosen from a config value
//! or the POSIX locale variables, passed in), aftercare's own messages in it
//! ([`Messages`], Fluent catalogs `i18n/LANG.ftl` embedded in the binary),
//! dates with localised weekday and month names, and the translations of a
//! plan's texts ([`PlanTexts`], `plans/NAME.LANG.ftl`).
//!
//! Pure: nothing here reads the environment or a file. The application
//! layer (`app::language`) reads `LC_ALL`/`LC_MESSAGES`/`LANG`/`LANGUAGE`
//! and hands the values to [`from_locale`]. Only the chosen language's
//! catalog is parsed, once, on first use. English is the fallback for a
//! language aftercare does not have and for a message a catalog lacks.
//!
//! Log lines, CLI errors and `--help` stay English (they are for bug
//! reports); JSON output keeps its machine keys and values.

mod lang;
mod plan_texts;

#[cfg(test)]
mod ids_tests;
#[cfg(test)]
mod tests;

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use lang::Lang;
use lang::bundle;
pub use plan_texts::{PlanTexts, PlanTextsError, healing_key};
pub(crate) use plan_texts::{TextProblem, control_char};

/// Whether `tag` is a well-formed language tag (BCP 47 shape, or a POSIX
/// locale name): 2–3 letters, then subtags of 1–8 letters or digits after
/// `-` or `_`; "de", "pt-BR", "zh_Hant_TW". A well-formed tag aftercare
/// does not have falls back to English; a malformed one is a config error.
pub fn is_well_formed(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The language a POSIX locale value names: "de_DE.UTF-8@euro" → "de";
/// `None` for an empty value and for `C` / `POSIX` (and `C.UTF-8`), which
/// mean no translation.
pub fn locale_language(value: &str) -> Option<&str> {
    let value = value.trim();
    let base = value.split(['.', '@']).next().unwrap_or("");
    if base.is_empty() || base == "C" || base == "POSIX" {
        return None;
    }
    let lang = base.split(['_', '-']).next().unwrap_or("");
    (!lang.is_empty()).then_some(lang)
}

/// Where a language choice came from, for the one note about a language
/// aftercare does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `language = "…"` in the config.
    Config,
    /// A locale variable: its name.
    Env(&'static str),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Config => f.write_str("the config"),
            Source::Env(var) => f.write_str(var),
        }
    }
}

/// The language to use, and the tag that was asked for when aftercare
/// does not have it (English is used then).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Choice {
    pub lang: Lang,
    /// The unsupported tag asked for, and where it came from.
    pub unsupported: Option<(String, Source)>,
}

impl Choice {
    /// English, asked for by nothing.
    pub const ENGLISH: Choice = Choice {
        lang: Lang::En,
        unsupported: None,
    };

    /// The choice for a tag from `source`.
    pub fn of_tag(tag: &str, source: Source) -> Choice {
        match Lang::from_tag(tag) {
            Some(lang) => Choice {
                lang,
                unsupported: None,
            },
            None => Choice {
                lang: Lang::En,
                unsupported: Some((tag.to_string(), source)),
            },
        }
    }

    /// The line that says an asked-for language is not available.
    pub fn note(&self) -> Option<String> {
        let (tag, source) = self.unsupported.as_ref()?;
        let have: Vec<&str> = Lang::ALL.iter().map(|l| l.tag()).collect();
        Some(format!(
            "language \"{tag}\" (from {source}) is not available; using English (available: {})",
            have.join(", ")
        ))
    }
}

/// The values of the locale variables, as the environment has them.
#[derive(Debug, Clone, Default)]
pub struct LocaleVars {
    pub lc_all: Option<String>,
    pub lc_messages: Option<String>,
    pub lang: Option<String>,
    /// GNU `LANGUAGE`: a colon-separated list of preferences.
    pub language: Option<String>,
}

/// The language the locale variables ask for, in POSIX order: the first
/// non-empty of `LC_ALL`, `LC_MESSAGES`, `LANG`. `C`/`POSIX` (or nothing)
/// mean English. Unless the locale is `C`, GNU `LANGUAGE`'s first entry
/// that aftercare has wins over it.
pub fn from_locale(vars: &LocaleVars) -> Choice {
    let named = [
        ("LC_ALL", &vars.lc_all),
        ("LC_MESSAGES", &vars.lc_messages),
        ("LANG", &vars.lang),
    ]
    .into_iter()
    .find_map(|(name, v)| {
        let v = v.as_deref()?.trim();
        (!v.is_empty()).then_some((name, v))
    });
    let Some((name, value)) = named else {
        return Choice::ENGLISH;
    };
    let Some(tag) = locale_language(value) else {
        return Choice::ENGLISH; // C / POSIX: untranslated, LANGUAGE too
    };
    if let Some(list) = vars.language.as_deref() {
        let preferred = list
            .split(':')
            .filter_map(locale_language)
            .find_map(Lang::from_tag);
        if let Some(lang) = preferred {
            return Choice {
                lang,
                unsupported: None,
            };
        }
    }
    Choice::of_tag(tag, Source::Env(name))
}

/// One argument of a message.
pub type Arg<'a> = (&'a str, FluentValue<'a>);

/// aftercare's own messages in one language.
/// How far from today a date is shown without its year: about three months.
pub const NEAR_DAYS: i64 = 92;

pub struct Messages {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("lang", &self.lang)
            .finish()
    }
}

/// The catalog of a language, parsed on first use.
pub fn messages(lang: Lang) -> &'static Messages {
    static CATALOGS: [OnceLock<Messages>; 4] = [const { OnceLock::new() }; 4];
    let slot = match lang {
        Lang::En => &CATALOGS[0],
        Lang::De => &CATALOGS[1],
        Lang::Es => &CATALOGS[2],
        Lang::Fr => &CATALOGS[3],
    };
    slot.get_or_init(|| Messages::parse(lang, lang.source()))
}

impl Messages {
    fn parse(lang: Lang, source: &str) -> Messages {
        Messages {
            lang,
            bundle: bundle(lang, source),
        }
    }

    /// Message `id` with `args`; English when this catalog lacks it, the id
    /// itself when English does too.
    pub fn fmt(&self, id: &str, args: &[Arg<'_>]) -> String {
        if let Some(s) = self.try_fmt(id, args) {
            return s;
        }
        if self.lang != Lang::En {
            if let Some(s) = messages(Lang::En).try_fmt(id, args) {
                return s;
            }
        }
        id.to_string()
    }

    /// Message `id` without arguments.
    pub fn text(&self, id: &str) -> String {
        self.fmt(id, &[])
    }

    fn try_fmt(&self, id: &str, args: &[Arg<'_>]) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut fargs = FluentArgs::with_capacity(args.len());
        for (k, v) in args {
            fargs.set(*k, v.clone());
        }
        let mut errors = Vec::new();
        let s = self
            .bundle
            .format_pattern(pattern, Some(&fargs), &mut errors);
        Some(s.into_owned())
    }

    /// Formatting errors of message `id` with `args` (for the tests).
    #[cfg(test)]
    pub(crate) fn errors(&self, id: &str, args: &[Arg<'_>]) -> Vec<String> {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return vec![format!("no message {id}")];
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, v.clone());
        }
        let mut errors = Vec::new();
        let _ = self
            .bundle
            .format_pattern(pattern, Some(&fargs), &mut errors);
        errors.iter().map(ToString::to_string).collect()
    }

    /// The short weekday name ("Tue", "Di.").
    pub fn weekday(&self, d: Weekday) -> String {
        match d {
            Weekday::Mon => self.text("weekday-mon"),
            Weekday::Tue => self.text("weekday-tue"),
            Weekday::Wed => self.text("weekday-wed"),
            Weekday::Thu => self.text("weekday-thu"),
            Weekday::Fri => self.text("weekday-fri"),
            Weekday::Sat => self.text("weekday-sat"),
            Weekday::Sun => self.text("weekday-sun"),
        }
    }

    /// The short month name, 1 = January ("Nov", "Dez.").
    pub fn month(&self, m: u32) -> String {
        self.text(&format!("month-{m}"))
    }

    /// A short local date: "Tue 25 Nov", "Mi., 25. Nov.", "mer. 25 nov.".
    pub fn short_date(&self, d: NaiveDate) -> String {
        self.fmt("date-short", &self.date_args(d))
    }

    /// A date's weekday, day and month, as the date messages take them.
    fn date_args(&self, d: NaiveDate) -> Vec<Arg<'static>> {
        vec![
            ("weekday", self.weekday(d.weekday()).into()),
            ("day", d.day().into()),
            ("month", self.month(d.month()).into()),
        ]
    }

    /// A local date as seen from `today`: [`Messages::short_date`], with the
    /// year when it is more than a few months ("Sat 4 Dec 2027") away.
    pub fn date_from(&self, d: NaiveDate, today: NaiveDate) -> String {
        if (d - today).num_days().abs() <= NEAR_DAYS {
            return self.short_date(d);
        }
        // the year as digits, never grouped ("2 027")
        let mut args = self.date_args(d);
        args.push(("year", d.year().to_string().into()));
        self.fmt("date-long", &args)
    }

    /// Items joined with the language's list separator (", "), or, when
    /// an item holds a comma itself ("pool, sauna and steam"), with the
    /// stronger one ("; "), so that each item still reads as one.
    pub fn list(&self, items: &[String]) -> String {
        let separator = match items.iter().any(|i| i.contains(',')) {
            true => self.text("list-separator-long"),
            false => self.text("list-separator"),
        };
        items.join(&separator)
    }
}
