//! A fresh config for a treatment: the example file with the treatment
//! filled in, checked, then written privately (0600).

use chrono::{NaiveDate, NaiveTime};

use super::{Context, build_plan};
use crate::config::{self, Config};
use crate::error::Error;
use crate::fsutil;
use crate::zone::Zone;

/// What `init` (and `install` without a config) is told.
#[derive(Debug, Clone)]
pub(crate) struct NewConfig {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub timezone: Option<Zone>,
    /// `plan = ` under `[treatment]`: a built-in plan's name, "none", or a
    /// plan file's absolute path (the example's default otherwise).
    pub plan: Option<String>,
    /// Replace an existing config.
    pub force: bool,
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The example config with the treatment filled in.
pub(crate) fn render(args: &NewConfig) -> String {
    let example = include_str!("../../config.example.toml");
    let mut done = [false; 4];
    let mut out = String::with_capacity(example.len() + 64);
    for line in example.lines() {
        let replaced = if !done[0] && line.starts_with("date = ") {
            done[0] = true;
            format!("date = {}", args.date.format("%Y-%m-%d"))
        } else if !done[1] && line.starts_with("time = ") {
            done[1] = true;
            match args.time {
                Some(t) => format!("time = \"{}\"", t.format("%H:%M")),
                None => "# time = \"12:00\"".to_string(),
            }
        } else if !done[3] && line.starts_with("plan = ") && args.plan.is_some() {
            done[3] = true;
            format!(
                "plan = {}",
                toml_string(args.plan.as_deref().unwrap_or_default())
            )
        } else if !done[2] && line.starts_with("# timezone = ") {
            done[2] = true;
            match args.timezone {
                Some(tz) => format!(
                    "# Written by `aftercare init`: the system zone when the config was made.\ntimezone = \"{}\"",
                    tz.name()
                ),
                None => line.to_string(),
            }
        } else {
            line.to_string()
        };
        out.push_str(&replaced);
        out.push('\n');
    }
    out
}

/// Write a fresh config; refuses to clobber one unless `force`.
pub(crate) fn write(ctx: &Context, args: &NewConfig) -> Result<Config, Error> {
    // the treatment happened here: the system zone, when it has a name the
    // config can hold (not a POSIX rule or an unnamed /etc/localtime)
    let here = Some(ctx.defaults.timezone).filter(|z| Zone::get(z.name()).is_ok_and(|n| n == *z));
    let args = &NewConfig {
        timezone: args.timezone.or(here),
        ..args.clone()
    };
    let text = render(args);
    let origin = ctx.paths.config.display().to_string();
    // the plan file it names is read from disk, as a load would
    let defaults = config::Defaults {
        plans: &super::config_file::PlanFiles,
        ..ctx.defaults
    };
    let config = config::parse(&text, &origin, defaults)?;
    build_plan(&config)?;
    fsutil::write_atomic(&ctx.paths.config, text.as_bytes(), args.force).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::ConfigExists(ctx.paths.config.clone())
        } else {
            Error::io(format!("cannot write {origin}"), e)
        }
    })?;
    Ok(config)
}
