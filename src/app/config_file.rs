//! Reading the config file, and the plan file it names (`plan = "PATH"`):
//! regular files only, size-limited, opened without blocking, UTF-8; then
//! the pure parser, which asks for the plan file's text through
//! [`PlanFiles`].

use std::path::Path;

use crate::config::{
    Config, ConfigError, Defaults, MAX_CONFIG_BYTES, PlanSource, Translation, parse, parse_plan_in,
    parse_texts, plan_texts_path,
};
use crate::fsutil;
use crate::i18n::Lang;

/// Plan files from disk, read like the config: a regular file (a link to
/// one is fine), opened non-blocking, at most [`MAX_CONFIG_BYTES`], UTF-8.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PlanFiles;

impl PlanSource for PlanFiles {
    fn plan_text(&self, path: &Path) -> Result<String, String> {
        let bytes = match read_limited(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err("there is no such file".into());
            }
            Err(e) => return Err(e.to_string()),
        };
        String::from_utf8(bytes).map_err(|e| {
            format!(
                "it is not valid UTF-8 (bad byte at offset {}); save it as UTF-8 text",
                e.utf8_error().valid_up_to()
            )
        })
    }

    /// A plan file's translation, read the same way; none is fine.
    fn plan_texts(&self, path: &Path) -> Result<Option<String>, String> {
        let bytes = match read_limited(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.to_string()),
        };
        String::from_utf8(bytes).map(Some).map_err(|e| {
            format!(
                "it is not valid UTF-8 (bad byte at offset {}); save it as UTF-8 text",
                e.utf8_error().valid_up_to()
            )
        })
    }
}

/// Read a config file and parse it.
pub(crate) fn load(path: &Path, defaults: Defaults) -> Result<Config, ConfigError> {
    load_text(path, defaults).map(|(c, _)| c)
}

/// The same, with the text it was parsed from.
///
/// A plan file the config names is read from disk here too, whatever
/// plan source `defaults` carries.
pub(crate) fn load_text(path: &Path, defaults: Defaults) -> Result<(Config, String), ConfigError> {
    let defaults = Defaults {
        plans: &PlanFiles,
        ..defaults
    };
    let origin = path.display().to_string();
    let bytes = read_limited(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            ConfigError::new(&origin, "no config file here").hint(format!(
                "create one with `aftercare init --date YYYY-MM-DD --time HH:MM` (it writes {origin}), \
                 or point at another file with --config FILE or AFTERCARE_CONFIG"
            ))
        } else {
            let hint = if e.kind() == std::io::ErrorKind::PermissionDenied {
                "make it readable by you: chmod 600 on the file"
            } else {
                "check that the path is a readable file"
            };
            ConfigError::new(&origin, format!("cannot read the config: {e}")).hint(hint)
        }
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
        let mut err = ConfigError::at(
            &origin,
            &prefix,
            good..good,
            format!("the file is not valid UTF-8 (bad byte at offset {good})"),
        );
        err.snippet = None;
        err.hint("save the file as UTF-8 text")
    })?;
    let config = parse(&text, &origin, defaults)?;
    Ok((config, text))
}

/// Every translation beside a plan file (`X.LANG.ftl` for each language
/// aftercare speaks besides English), each checked against the plan as a
/// run in that language would: the languages found.
pub(crate) fn check_plan_translations(plan_file: &Path) -> Result<Vec<Lang>, ConfigError> {
    let origin = plan_file.display().to_string();
    let text = PlanFiles
        .plan_text(plan_file)
        .map_err(|r| ConfigError::new(&origin, format!("cannot read the plan file: {r}")))?;
    let mut found = Vec::new();
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let path = plan_texts_path(plan_file, lang);
        let texts_origin = path.display().to_string();
        let source = PlanFiles.plan_texts(&path).map_err(|r| {
            ConfigError::new(
                &texts_origin,
                format!("cannot read the plan's translation: {r}"),
            )
        })?;
        let Some(source) = source else {
            continue;
        };
        let t = Translation {
            texts: parse_texts(&source, lang, &texts_origin)?,
            origin: &texts_origin,
            source: &source,
        };
        parse_plan_in(&text, &origin, Some(&t))?;
        found.push(lang);
    }
    Ok(found)
}

/// Keep a private copy of the last config that worked, for a start with a
/// broken one, and of the plan file it names (`last-good-plan.toml`
/// beside it): a clinic's plan file broken by an edit is covered too.
pub(crate) fn save_last_good(path: &Path, text: &str, config: &Config) {
    keep_copy(path, text.as_bytes());
    let plan_copy = last_good_plan(path);
    match &config.treatment.plan_file {
        Some(file) => {
            // read again, and kept only if it is still the plan that worked
            if let Ok(plan) = PlanFiles.plan_text(file) {
                keep_copy(&plan_copy, plan.as_bytes());
            }
        }
        None => {
            let _ = std::fs::remove_file(&plan_copy);
        }
    }
}

fn last_good_plan(config_copy: &Path) -> std::path::PathBuf {
    config_copy.with_file_name("last-good-plan.toml")
}

fn keep_copy(path: &Path, bytes: &[u8]) {
    let same = fsutil::read_regular(path, MAX_CONFIG_BYTES, false)
        .ok()
        .flatten()
        .is_some_and(|b| b == bytes);
    if !same {
        if let Err(e) = fsutil::write_atomic(path, bytes, true) {
            tracing::warn!(path = %path.display(), "cannot keep a copy of the working config: {e}");
        }
    }
}

/// The text of the plan file as it was when the config last worked.
#[derive(Debug)]
struct SavedPlan(String);

impl PlanSource for SavedPlan {
    fn plan_text(&self, _path: &Path) -> Result<String, String> {
        Ok(self.0.clone())
    }
}

/// The last config that worked, with its plan file as it was then (when it
/// named one and a copy was kept). Called once, at a start with a broken
/// config or plan file.
pub(crate) fn load_last_good(path: &Path, defaults: Defaults) -> Result<Config, ConfigError> {
    let saved = fsutil::read_regular(&last_good_plan(path), MAX_CONFIG_BYTES, false)
        .ok()
        .flatten()
        .and_then(|b| String::from_utf8(b).ok());
    let Some(plan) = saved else {
        return load(path, defaults);
    };
    let origin = path.display().to_string();
    let text = read_limited(path)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(|| ConfigError::new(&origin, "the copy cannot be read"))?;
    // once per process: a 'static source for the parser
    let plans: &'static SavedPlan = Box::leak(Box::new(SavedPlan(plan)));
    parse(&text, &origin, Defaults { plans, ..defaults })
}

/// The file's bytes: a regular file (a link to one is fine: dotfiles),
/// opened without blocking, a few KB at most.
fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    match fsutil::read_regular(path, MAX_CONFIG_BYTES, true) {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(std::io::ErrorKind::NotFound.into()),
        Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => {
            Err(std::io::Error::other(format!(
                "the file is larger than {} KiB; a config or a plan is a few KB of text",
                MAX_CONFIG_BYTES / 1024
            )))
        }
        Err(e) => Err(e),
    }
}
