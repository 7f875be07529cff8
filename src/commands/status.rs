//! `aftercare status`: is the service running, what comes next, what was
//! done.

use std::io::Write;

use crate::app::{Context, build_plan, lock};
use crate::error::{EXIT_NOT_RUNNING, Error};
use crate::i18n;
use crate::policy;
use crate::report::{adherence, count_words, counts, next_item};
use crate::service::unit_state;

pub(crate) fn status(ctx: &Context, out: &mut dyn Write) -> Result<u8, Error> {
    let unit_path = ctx.paths.unit_file();
    // The language first: every line below is in it (the config's errors
    // come after the service's state, as before).
    let loaded = ctx.load_config();
    let m = match &loaded {
        Ok(c) => Context::messages(c),
        Err(_) => i18n::messages(ctx.defaults.language.lang),
    };
    let state = unit_state();
    let running = matches!(&state, Ok(s) if s.active == "active");
    let service = match &state {
        Ok(s) if s.load == "not-found" => m.text("status-not-installed"),
        Ok(s) => {
            let mut line = format!("{} ({})", s.active, s.sub);
            if s.active == "failed"
                || (s.active == "inactive" && s.exit_status != "0" && !s.exit_status.is_empty())
            {
                line.push_str(&format!(
                    ", exit status {}, result {}",
                    s.exit_status, s.result
                ));
            }
            if !s.enabled.is_empty() {
                line.push_str(&format!(", {}", s.enabled));
            }
            if running && !s.status_text.is_empty() {
                line.push_str(&format!(" — {}", s.status_text));
            }
            line
        }
        Err(e) => m.fmt("status-unknown", &[("error", e.to_string().into())]),
    };
    let w = Error::output;
    writeln!(
        out,
        "{}",
        m.fmt("status-service", &[("state", service.into())])
    )
    .map_err(w)?;
    let daemon = match lock::holder(&ctx.paths.state_dir) {
        Some(Some(pid)) => m.fmt("status-running-pid", &[("pid", pid.into())]),
        Some(None) => m.text("status-running"),
        None => m.text("status-not-running"),
    };
    writeln!(
        out,
        "{}",
        m.fmt("status-daemon", &[("state", daemon.into())])
    )
    .map_err(w)?;
    // a daemon started by hand (or from autostart) counts as running too
    let running = running || lock::holder(&ctx.paths.state_dir).is_some();
    if unit_path.exists() {
        let path = unit_path.display().to_string();
        writeln!(out, "{}", m.fmt("status-unit", &[("path", path.into())])).map_err(w)?;
    }
    let config = loaded?;
    let plan = build_plan(&config)?;
    let line = m.fmt(
        "status-config",
        &[
            ("path", ctx.paths.config.display().to_string().into()),
            ("count", plan.occurrences.len().into()),
            ("zone", plan.timezone.name().into()),
        ],
    );
    writeln!(out, "{line}").map_err(w)?;
    let today = ctx.now.with_timezone(&plan.timezone).date_naive();
    if let Some(line) = crate::report::treated_elsewhere(m, &plan, today) {
        writeln!(out, "         {line}").map_err(w)?;
    }
    let journal = ctx.journal_for(&config);
    let next = policy::coming(&plan, &journal, ctx.now);
    if next.is_empty() {
        writeln!(out, "{}", m.text("status-next-none")).map_err(w)?;
    } else {
        writeln!(out, "{}", m.text("status-next")).map_err(w)?;
        for (o, due) in next.iter().take(3) {
            let line = next_item(m, &plan, o, *due, ctx.now);
            writeln!(out, "  {line}").map_err(w)?;
        }
    }
    let c = counts(&plan, &journal, ctx.now, config.catch_up);
    let parts: Vec<String> = c
        .iter()
        .map(|(s, n)| count_words(m, s.label(), *n))
        .collect();
    writeln!(
        out,
        "{}",
        m.fmt("status-so-far", &[("list", m.list(&parts).into())])
    )
    .map_err(w)?;
    for line in adherence(m, &plan, &journal, ctx.now, config.catch_up) {
        writeln!(out, "  {line}").map_err(w)?;
    }
    let over = next.is_empty();
    if running || over {
        Ok(0)
    } else {
        writeln!(out, "{}", m.text("status-warning-not-running")).map_err(w)?;
        Ok(EXIT_NOT_RUNNING)
    }
}
