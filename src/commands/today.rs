//! `aftercare today`: today's summary, what is normal and what is still
//! off-limits.

use std::io::Write;

use crate::app::Context;
use crate::error::Error;
use crate::plan::summary_text;
use crate::report::{daylight_words, short_date, treated_elsewhere};

pub(crate) fn today(ctx: &Context, out: &mut dyn Write) -> Result<u8, Error> {
    let (c, p) = ctx.load_plan()?;
    let m = Context::messages(&c);
    let zone = m.fmt("zone-times", &[("zone", p.timezone.name().into())]);
    let now = ctx.now.with_timezone(&p.timezone).date_naive();
    let elsewhere = treated_elsewhere(m, &p, now);
    let Some((session, day)) = p.current_day(ctx.now) else {
        let date = short_date(m, p.start.date_naive(), now);
        writeln!(out, "{}", m.fmt("today-before", &[("date", date.into())]))
            .map_err(Error::output)?;
        for line in elsewhere.iter().chain([&zone]) {
            writeln!(out, "{line}").map_err(Error::output)?;
        }
        return Ok(0);
    };
    let date = p.session_day_date(session, day);
    let args = [
        ("session", session.into()),
        ("day", day.into()),
        ("date", short_date(m, date, now).into()),
    ];
    let heading = if p.starts.len() > 1 {
        m.fmt("today-session-day", &args)
    } else {
        m.fmt("today-day", &args)
    };
    writeln!(out, "{heading}").map_err(Error::output)?;
    writeln!(out, "{}", summary_text(&c, day)).map_err(Error::output)?;
    if let Some(d) = p.daylight(date) {
        writeln!(out, "{}", daylight_words(m, d)).map_err(Error::output)?;
    }
    for line in elsewhere.iter().chain([&zone]) {
        writeln!(out, "{line}").map_err(Error::output)?;
    }
    Ok(0)
}
