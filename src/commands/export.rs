//! `aftercare export --ics [FILE]`: the plan as an iCalendar file.

use std::io::Write;
use std::path::Path;

use crate::app::Context;
use crate::error::Error;
use crate::{export, fsutil};

pub(crate) fn export(ctx: &Context, ics: Option<&Path>, out: &mut dyn Write) -> Result<u8, Error> {
    let (c, p) = ctx.load_plan()?;
    let text = export::ics(&c, &p, ctx.now);
    match ics {
        Some(path) if path.as_os_str() != "-" => {
            fsutil::write_atomic(path, text.as_bytes(), true)
                .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
            writeln!(
                out,
                "wrote {} ({} events); import it into your calendar",
                path.display(),
                p.moments().count()
            )
            .map_err(Error::output)?;
        }
        _ => out.write_all(text.as_bytes()).map_err(Error::output)?,
    }
    Ok(0)
}
