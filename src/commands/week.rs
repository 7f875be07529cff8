//! `aftercare plan --week`: the plan as a grid, a week at a time; colour
//! only on a terminal, and never with `NO_COLOR` (no-color.org).

use std::io::{IsTerminal, Write};

use crate::app::Context;
use crate::error::Error;
use crate::report::next_line;

pub(crate) fn week(ctx: &Context, all: bool, out: &mut dyn Write) -> Result<u8, Error> {
    let (c, p) = ctx.load_plan()?;
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let text = crate::week::render(&c, &p, ctx.now, all, color);
    out.write_all(text.as_bytes()).map_err(Error::output)?;
    if !p.is_over(ctx.now) {
        let m = Context::messages(&c);
        let next = next_line(m, &p, &ctx.journal_for(&c), ctx.now);
        writeln!(out, "{next}").map_err(Error::output)?;
    }
    Ok(0)
}
