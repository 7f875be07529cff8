//! `aftercare install`: write the config if needed, then install, enable
//! and start the user service.

use std::io::Write;
use std::path::Path;

use chrono::{NaiveDate, NaiveTime};

use crate::app::Context;
use crate::app::new_config::{self, NewConfig};
use crate::error::Error;
use crate::fsutil;
use crate::report::next_line;
use crate::service::{
    UNIT, render_desktop, require_user_manager, set_up_unit, systemctl, systemctl_ok, this_binary,
    unit_state,
};
use crate::zone::Zone;

/// What `install` is told.
#[derive(Debug, Clone)]
pub(crate) struct Install {
    /// Needed when there is no config yet.
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub timezone: Option<Zone>,
    /// `--plan`, for a new config (an existing one must already use it).
    pub plan: Option<String>,
    /// The config is not the default one: the unit names it.
    pub custom_config: bool,
}

pub(crate) fn install(ctx: &Context, args: &Install, out: &mut dyn Write) -> Result<u8, Error> {
    let path = &ctx.paths.config;
    if path.exists() {
        if let Some(date) = args.date {
            let c = ctx.load_config()?;
            let differs = c.treatment.date != date
                || args.time.is_some_and(|t| t != c.treatment.time)
                || args.timezone.is_some_and(|z| z != c.treatment.timezone);
            if differs {
                return Err(Error::TreatmentDiffers {
                    path: path.clone(),
                    held: c.treatment.date,
                    asked: date,
                });
            }
        }
        if let Some(asked) = &args.plan {
            let c = ctx.load_config()?;
            let same = match (asked.as_str(), &c.treatment.plan_file, &c.treatment.plan) {
                ("none", _, held) => held.is_none(),
                (a, Some(file), _) if a.starts_with('/') => Path::new(a) == file,
                (a, None, Some(held)) => a == held,
                _ => false,
            };
            if !same {
                return Err(Error::PlanDiffers {
                    path: path.clone(),
                    held: c.treatment.plan.clone().unwrap_or_else(|| "none".into()),
                    asked: asked.clone(),
                });
            }
        }
    } else {
        let Some(date) = args.date else {
            return Err(Error::NoConfigYet(path.clone()));
        };
        new_config::write(
            ctx,
            &NewConfig {
                date,
                time: args.time,
                timezone: args.timezone,
                plan: args.plan.clone(),
                force: false,
            },
        )?;
        writeln!(out, "wrote {} (private: mode 0600)", path.display()).map_err(Error::output)?;
    }
    let (config, plan) = ctx.load_plan()?;
    require_user_manager()?;

    let exe = this_binary().map_err(|e| Error::io("cannot find the aftercare binary's path", e))?;
    let config_arg = if args.custom_config {
        Some(path.canonicalize().unwrap_or_else(|_| path.clone()))
    } else {
        None
    };
    let changed = set_up_unit(ctx, &exe, config_arg.as_deref(), out)?;
    if changed {
        systemctl_ok(&["daemon-reload"])?;
    }
    // The notifications' `desktop-entry` hint names this file: desktops
    // (GNOME) match notifications to an app through it.
    let desktop = render_desktop(&exe);
    let desktop_path = ctx.paths.desktop_file();
    if std::fs::read_to_string(&desktop_path).ok().as_deref() != Some(desktop.as_str()) {
        fsutil::write_atomic(&desktop_path, desktop.as_bytes(), true)
            .map_err(|e| Error::io(format!("cannot write {}", desktop_path.display()), e))?;
        writeln!(out, "wrote {}", desktop_path.display()).map_err(Error::output)?;
    }
    systemctl_ok(&["enable", UNIT])?;
    let state = unit_state()?;
    if changed && state.active == "active" {
        systemctl_ok(&["restart", UNIT])?;
    } else if state.active != "active" {
        // Type=notify: this returns once the daemon is READY (or failed).
        let _ = systemctl(&["reset-failed", UNIT]);
        systemctl_ok(&["start", UNIT])?;
    }
    let state = unit_state()?;
    let journal = ctx.journal_for(&config);
    match state.active.as_str() {
        "active" => {
            writeln!(out, "aftercare is running and starts with every login (systemctl --user status aftercare)").map_err(Error::output)?;
            let m = Context::messages(&config);
            writeln!(out, "{}", next_line(m, &plan, &journal, ctx.now)).map_err(Error::output)?;
            Ok(0)
        }
        _ if plan.is_over(ctx.now) => {
            writeln!(
                out,
                "installed, but the plan is already over: nothing to remind"
            )
            .map_err(Error::output)?;
            Ok(0)
        }
        other => Err(Error::ServiceFailed {
            state: other.to_string(),
            result: state.result,
        }),
    }
}
