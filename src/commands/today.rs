//! `aftercare today`: today's summary, what is normal and what is still
//! off-limits.

use std::io::Write;

use crate::app::Context;
use crate::error::Error;
use crate::plan::summary_text;
use crate::report::{daylight_words, short_date};

pub(crate) fn today(ctx: &Context, out: &mut dyn Write) -> Result<u8, Error> {
    let (c, p) = ctx.load_plan()?;
    let Some((session, day)) = p.current_day(ctx.now) else {
        writeln!(
            out,
            "Your treatment is on {}; nothing yet.",
            short_date(p.start.date_naive())
        )
        .map_err(Error::output)?;
        return Ok(0);
    };
    let label = if p.starts.len() > 1 {
        format!("Session {session}, day {day}")
    } else {
        format!("Day {day}")
    };
    let date = p.session_day_date(session, day);
    writeln!(out, "{label} — {}", short_date(date)).map_err(Error::output)?;
    writeln!(out, "{}", summary_text(&c, day)).map_err(Error::output)?;
    if let Some(d) = p.daylight(date) {
        writeln!(out, "{}", daylight_words(d)).map_err(Error::output)?;
    }
    Ok(0)
}
