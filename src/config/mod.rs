//! The configuration: TOML text → validated [`Config`].
//!
//! [`parse`] is pure (text in, config or a positioned error out; time zones
//! come through the [`ZoneSource`](crate::zone::ZoneSource) in [`Defaults`]) so tests feed it
//! strings; reading the file is the application layer's job
//! (`app::config_file`). Raw serde structs ([`raw`]: `deny_unknown_fields`,
//! spans kept) are read from toml's spanned tree by our own deserializer
//! ([`de`]: each serde error arrives typed, with its span), then turned into
//! domain types ([`model`]) by [`validate`]; every error ([`diagnostic`])
//! names the file, line and column and says how to fix it, its hint chosen
//! by the error's kind. A care plan is a TOML document in the same `[reminders]`
//! schema ([`parse_plan_in`]), merged under the user's rules by name: a
//! built-in one ([`BUILTIN_PLANS`], files in `plans/`) or a clinic's own
//! file (`plan = "PATH"`), whose text comes through the [`PlanSource`] in
//! [`Defaults`] and whose errors name that file.

mod de;
mod defaults;
mod diagnostic;
mod limits;
mod model;
mod raw;
mod suggest;
mod validate;
mod values;

#[cfg(test)]
mod tests;

use std::path::Path;
use std::time::Duration;

pub use defaults::{Defaults, PlanSource};
pub use diagnostic::{ConfigError, suggest};
use limits::DEFAULT_GROUP;
#[cfg(test)]
use limits::clock;
pub use limits::{
    BUILTIN_PLANS, MAX_CONFIG_BYTES, MAX_DAY, MAX_DESCRIPTION, MAX_GROUP, MAX_OFFSET, MIN_EVERY,
};
pub use model::{
    CarePlan, Closing, Config, DaySet, Expire, Healing, Location, QuietHours, QuietPolicy, Repeat,
    Rule, Treatment, Trigger,
};
pub(crate) use validate::is_plan_path;
pub use values::{
    DateError, format_duration, parse_clock, parse_date, parse_days, parse_duration, parse_zone,
};

use crate::i18n::{Choice, Lang, PlanTexts, Source, healing_key};
use diagnostic::from_read;
use raw::{RawConfig, RawPlan};
use suggest::zone_hint;
use toml::Spanned;
use validate::Validator;

// BUILTIN_PLAN_TEXTS: the translations in plans/ (`NAME.LANG.ftl`), found
// by build.rs.
include!(concat!(env!("OUT_DIR"), "/plan_texts.rs"));

/// The translation of a built-in plan's texts into `lang`, if there is one.
pub fn builtin_plan_texts(name: &str, lang: Lang) -> Option<&'static str> {
    BUILTIN_PLAN_TEXTS
        .iter()
        .find(|(p, l, _)| *p == name && *l == lang.tag())
        .map(|(_, _, text)| *text)
}

/// Where the translation of a plan file into `lang` lives: beside it, the
/// same name with `.LANG.ftl` for `.toml` (`clinic.toml` →
/// `clinic.de.ftl`).
pub fn plan_texts_path(plan_file: &Path, lang: Lang) -> std::path::PathBuf {
    plan_file.with_extension(format!("{}.ftl", lang.tag()))
}

/// Parse and validate config text. `origin` names it in errors.
pub fn parse(text: &str, origin: &str, defaults: Defaults) -> Result<Config, ConfigError> {
    let raw: RawConfig = de::from_str(text).map_err(|e| {
        let (mut err, kind) = from_read(origin, text, &e);
        if kind.is_some_and(|k| k.is_unknown("language")) {
            err.hint = Some(
                "`language` is a top-level key: put `language = \"de\"` at the top of the file, before [treatment]".into(),
            );
        }
        err
    })?;
    let v = Validator { origin, text };
    let language = match &raw.language {
        Some(l) => Choice::of_tag(&v.language(l)?, Source::Config),
        None => defaults.language.clone(),
    };
    let lang = language.lang;

    let Some(treatment) = raw.treatment else {
        return Err(ConfigError::new(origin, "missing the [treatment] table").hint(
            "add\n  [treatment]\n  date = 2026-11-23   # your treatment date\n  time = \"14:30\"     # when it ended\nor run `aftercare init --date YYYY-MM-DD`",
        ));
    };
    let plan_value = treatment.get_ref().plan.clone();
    let treatment = v.treatment(treatment.into_inner(), defaults)?;

    let quiet_hours = match raw.quiet_hours {
        None => Some(QuietHours {
            start: limits::default_quiet_start(),
            end: limits::default_quiet_end(),
        }),
        Some(q) => v.quiet(q)?,
    };

    let (mut snooze, mut catch_up) = (Duration::from_secs(15 * 60), Duration::from_secs(2 * 3600));
    let (mut group, mut expire) = (DEFAULT_GROUP, Expire::Never);
    if let Some(n) = raw.notifications {
        if let Some(s) = n.snooze {
            snooze = v.positive_duration(&s, "snooze")?;
        }
        if let Some(c) = n.catch_up {
            catch_up = v.positive_duration(&c, "catch_up")?;
        }
        if let Some(g) = n.group {
            group = v.group(&g)?;
        }
        if let Some(e) = n.expire {
            expire = v.expire(&e)?;
        }
    }

    let CarePlan {
        mut rules,
        mut healing,
        closing,
        ..
    } = match (&treatment.plan_file, &treatment.plan, &plan_value) {
        (Some(path), _, Some(value)) => {
            let text = defaults.plans.plan_text(path).map_err(|reason| {
                v.err(
                    value.span(),
                    format!("cannot read the plan file {}: {reason}", path.display()),
                )
                .hint(plan_file_hint(path))
            })?;
            let texts_path = plan_texts_path(path, lang);
            let texts_origin = texts_path.display().to_string();
            let texts_source = if lang == Lang::En {
                None
            } else {
                defaults.plans.plan_texts(&texts_path).map_err(|reason| {
                    v.err(
                        value.span(),
                        format!(
                            "cannot read the plan's translation {texts_origin}: {reason}"
                        ),
                    )
                    .hint("it is read like the plan file: a regular UTF-8 text file; remove it to use the plan's own words")
                })?
            };
            let texts = match &texts_source {
                None => None,
                Some(src) => Some(Translation {
                    texts: parse_texts(src, lang, &texts_origin)?,
                    origin: &texts_origin,
                    source: src,
                }),
            };
            parse_plan_in(&text, &path.display().to_string(), texts.as_ref())?
        }
        (None, Some(name), _) => builtin_care_plan_in(name, lang)?,
        _ => CarePlan::default(),
    };
    let built_in = rules.len();
    let bounds = Validator::bounds(&raw.reminders);
    let order = file_order(&raw.reminders);
    let known = rules.iter().map(|r| r.name.clone()).collect();
    for (name, rule) in raw.reminders {
        v.merge_rule(&mut rules, &known, name, rule)?;
    }
    v.check_bounds(&rules, &bounds)?;
    // The user's own rules in the order they are written (the order a
    // person does them), after the plan's.
    let own_start = built_in.min(rules.len());
    rules[own_start..].sort_by_key(|r| order.get(&r.name).copied().unwrap_or(usize::MAX));
    v.merge_healing(&mut healing, raw.healing)?;
    let (day_zone, day_zone_pinned) = match &raw.day_timezone {
        Some(s) => (
            defaults.zones.zone(s.get_ref().trim()).map_err(|e| {
                v.err(s.span(), format!("unknown time zone `{}`", s.get_ref()))
                    .hint(zone_hint(s.get_ref(), &e, defaults.zones))
            })?,
            true,
        ),
        None => (defaults.timezone, false),
    };
    let location = match raw.location {
        // Where the person most likely is: the principal city of the zone
        // the day follows (the tz database's own table, offline). UTC,
        // Etc/* have none.
        None => model::zone_location(day_zone, defaults.zones),
        Some(l) => {
            let l = l.into_inner();
            let (lat, lon) = (*l.latitude.get_ref(), *l.longitude.get_ref());
            if !(-90.0..=90.0).contains(&lat) {
                return Err(v
                    .err(
                        l.latitude.span(),
                        format!("latitude {lat} is not between -90 and 90"),
                    )
                    .hint("degrees north are positive, south negative, e.g. latitude = 52.52"));
            }
            if !(-180.0..=180.0).contains(&lon) {
                return Err(v
                    .err(
                        l.longitude.span(),
                        format!("longitude {lon} is not between -180 and 180"),
                    )
                    .hint("degrees east are positive, west negative, e.g. longitude = 13.40"));
            }
            Some(Location {
                latitude: lat,
                longitude: lon,
                from_zone: false,
            })
        }
    };

    Ok(Config {
        origin: origin.to_string(),
        treatment,
        day_zone,
        day_zone_pinned,
        quiet_hours,
        snooze,
        catch_up,
        group,
        expire,
        rules,
        location,
        healing,
        closing,
        language,
    })
}

/// A plan's translation: its texts, and the file it came from (for errors).
#[derive(Debug)]
pub struct Translation<'a> {
    pub texts: PlanTexts,
    pub origin: &'a str,
    pub source: &'a str,
}

/// Parse a plan translation, its errors positioned in its file.
pub fn parse_texts(source: &str, lang: Lang, origin: &str) -> Result<PlanTexts, ConfigError> {
    PlanTexts::parse(source, lang).map_err(|e| {
        ConfigError::at(origin, source, e.span, e.message).hint(
            "a plan's translation is a Fluent file of `key = text` lines: description, complete, nothing-off-limits, title-RULE, body-RULE, deferred-body-RULE, allows-RULE, healing-RANGE (i18n/README.md)",
        )
    })
}

/// Where each rule's name stands in the file (the parser's own spans, so
/// `[reminders.NAME]`, dotted keys and inline tables alike), for sorting
/// the rules in the order they are written rather than the alphabetical
/// order of the map they were read into.
fn file_order<T>(
    reminders: &std::collections::BTreeMap<Spanned<String>, T>,
) -> std::collections::HashMap<String, usize> {
    reminders
        .keys()
        .map(|k| (k.get_ref().clone(), k.span().start))
        .collect()
}

/// How to fix a `plan = "PATH"` that cannot be read.
fn plan_file_hint(path: &Path) -> String {
    let names: Vec<&str> = BUILTIN_PLANS.iter().map(|(n, _)| *n).collect();
    format!(
        "a relative path counts from the config's folder; check that {} exists and is readable, \
         or use a built-in plan: {} (see `aftercare plans`)",
        path.display(),
        names.join(", ")
    )
}

/// A built-in plan, whole, in English (the tests' way in).
#[cfg(test)]
pub(crate) fn builtin_care_plan(name: &str) -> Result<CarePlan, ConfigError> {
    builtin_care_plan_in(name, Lang::En)
}

/// A built-in plan, its texts in `lang` where its translation has them.
pub fn builtin_care_plan_in(name: &str, lang: Lang) -> Result<CarePlan, ConfigError> {
    let Some((_, text)) = BUILTIN_PLANS.iter().find(|(n, _)| *n == name) else {
        return Err(ConfigError::new(
            "<config>",
            format!("unknown plan `{name}`"),
        ));
    };
    let origin = format!("<built-in plan {name}>");
    let Some(source) = builtin_plan_texts(name, lang).filter(|_| lang != Lang::En) else {
        return parse_plan_in(text, &origin, None);
    };
    // A built-in translation with a fault (the completeness test in
    // src/i18n/tests.rs has none) leaves the plan in English rather than
    // stopping everyone who reads that language.
    let texts_origin = format!("<built-in plan {name}.{}.ftl>", lang.tag());
    let translated = parse_texts(source, lang, &texts_origin).and_then(|texts| {
        let t = Translation {
            texts,
            origin: &texts_origin,
            source,
        };
        parse_plan_in(text, &origin, Some(&t))
    });
    match translated {
        Ok(plan) => Ok(plan),
        Err(_) => parse_plan_in(text, &origin, None),
    }
}

/// A plan file without a translation (the tests' way in to
/// [`parse_plan_in`]).
#[cfg(test)]
pub(crate) fn parse_plan(text: &str, origin: &str) -> Result<CarePlan, ConfigError> {
    parse_plan_in(text, origin, None)
}

/// Parse and validate a plan file: `[reminders.NAME]` rules (every rule
/// complete: when, days, title), `[healing]` and an optional one-line
/// `description`; `origin` (the plan file's path) names it in errors. The
/// plan's texts are taken from its translation where it has them (`texts`;
/// see [`PlanTexts`] for the keys). A key the translation
/// has that the plan does not is an error in the translation's file.
pub fn parse_plan_in(
    text: &str,
    origin: &str,
    texts: Option<&Translation<'_>>,
) -> Result<CarePlan, ConfigError> {
    let mut raw: RawPlan = de::from_str(text).map_err(|e| {
        let (mut err, kind) = from_read(origin, text, &e);
        let config_table = ["treatment", "quiet_hours", "notifications", "location"]
            .iter()
            .find(|t| kind.is_some_and(|k| k.is_unknown(t)));
        if let Some(t) = config_table {
            err.hint = Some(format!(
                "a plan file holds only `description`, `complete`, `nothing_off_limits`, [reminders.NAME] and [healing]; [{t}] belongs in the config that uses the plan"
            ));
        }
        err
    })?;
    let v = Validator { origin, text };
    let mut description = match &raw.description {
        None => None,
        Some(d) => Some(v.description(d)?),
    };
    let healing_keys: Vec<String> = raw
        .healing
        .keys()
        .map(|k| healing_key(k.get_ref()))
        .collect();
    if let Some(t) = texts {
        for (k, value) in raw.healing.iter_mut() {
            if let Some(s) = t.texts.get(&healing_key(k.get_ref())) {
                *value = Spanned::new(value.span(), s);
            }
        }
    }
    let mut rules = Vec::new();
    let bounds = Validator::bounds(&raw.reminders);
    let order = file_order(&raw.reminders);
    let known = std::collections::HashSet::new();
    for (rname, rule) in raw.reminders {
        v.merge_rule(&mut rules, &known, rname, rule)?;
    }
    v.check_bounds(&rules, &bounds)?;
    rules.sort_by_key(|r| order.get(&r.name).copied().unwrap_or(usize::MAX));
    let mut healing = Vec::new();
    v.merge_healing(&mut healing, raw.healing)?;
    let mut closing = Closing {
        complete: raw
            .complete
            .as_ref()
            .map(|t| v.closing_text(t, "complete"))
            .transpose()?,
        nothing_off_limits: raw
            .nothing_off_limits
            .as_ref()
            .map(|t| v.closing_text(t, "nothing_off_limits"))
            .transpose()?,
    };
    let mut plan = CarePlan {
        description: None,
        rules,
        healing,
        closing: Closing::default(),
    };
    if let Some(t) = texts {
        plan.description = description.clone();
        plan.closing = closing.clone();
        let known = plan_text_keys(&plan, &healing_keys);
        if let Some(unknown) = t
            .texts
            .keys()
            .iter()
            .find(|k| !k.starts_with('-') && !known.contains(k))
        {
            let hint = match suggest(unknown, known.iter().map(String::as_str)) {
                Some(s) => format!(
                    "did you mean `{s}`? The plan's keys: description, complete, nothing-off-limits, title-RULE, body-RULE, deferred-body-RULE, allows-RULE, healing-RANGE"
                ),
                None => format!(
                    "the plan {origin} has no text by that name; its keys: {}",
                    known.join(", ")
                ),
            };
            return Err(ConfigError::at(
                t.origin,
                t.source,
                PlanTexts::span_of(t.source, unknown),
                format!("`{unknown}` is not a text of the plan"),
            )
            .hint(hint));
        }
        if let Some(d) = t.texts.get("description") {
            description = Some(d);
        }
        if closing.complete.is_some() {
            if let Some(s) = t.texts.get("complete") {
                closing.complete = Some(s);
            }
        }
        if closing.nothing_off_limits.is_some() {
            if let Some(s) = t.texts.get("nothing-off-limits") {
                closing.nothing_off_limits = Some(s);
            }
        }
        for r in &mut plan.rules {
            if let Some(s) = t.texts.get(&format!("title-{}", r.name)) {
                r.title = s;
            }
            if let Some(s) = t.texts.get(&format!("body-{}", r.name)) {
                r.body = s;
            }
            if let Some(b) = &mut r.deferred_body {
                if let Some(s) = t.texts.get(&format!("deferred-body-{}", r.name)) {
                    *b = s;
                }
            }
            if let Some(a) = &mut r.allows {
                if let Some(s) = t.texts.get(&format!("allows-{}", r.name)) {
                    *a = s;
                }
            }
        }
    }
    plan.description = description;
    plan.closing = closing;
    Ok(plan)
}

/// The keys a translation of `plan` may have, one per text a person reads:
/// `description`, `title-RULE`, `body-RULE` (rules with a body),
/// `deferred-body-RULE` (rules with a `deferred_body`),
/// `allows-RULE` (milestones), and `healing-RANGE` for each of
/// `healing_keys` (already in key form, see [`healing_key`]).
pub fn plan_text_keys(plan: &CarePlan, healing_keys: &[String]) -> Vec<String> {
    let mut keys = Vec::new();
    if plan.description.is_some() {
        keys.push("description".to_string());
    }
    if plan.closing.complete.is_some() {
        keys.push("complete".to_string());
    }
    if plan.closing.nothing_off_limits.is_some() {
        keys.push("nothing-off-limits".to_string());
    }
    for r in &plan.rules {
        keys.push(format!("title-{}", r.name));
        if !r.body.is_empty() {
            keys.push(format!("body-{}", r.name));
        }
        if r.deferred_body.is_some() {
            keys.push(format!("deferred-body-{}", r.name));
        }
        if r.allows.is_some() {
            keys.push(format!("allows-{}", r.name));
        }
    }
    keys.extend(healing_keys.iter().cloned());
    keys
}

/// The keys a translation of the plan file `text` may have (see
/// [`plan_text_keys`]); the translation check's tests ask.
#[cfg(test)]
pub(crate) fn plan_file_text_keys(text: &str, origin: &str) -> Result<Vec<String>, ConfigError> {
    let raw: RawPlan = de::from_str(text).map_err(|e| from_read(origin, text, &e).0)?;
    let healing_keys: Vec<String> = raw
        .healing
        .keys()
        .map(|k| healing_key(k.get_ref()))
        .collect();
    let plan = parse_plan(text, origin)?;
    Ok(plan_text_keys(&plan, &healing_keys))
}
