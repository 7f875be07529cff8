//! `aftercare chart`: the plan as a printable page (HTML), to a file or to
//! standard output.

use std::io::Write;
use std::path::Path;

use crate::app::Context;
use crate::chart::{self, Paper};
use crate::error::Error;
use crate::fsutil;

pub(crate) fn chart(
    ctx: &Context,
    output: Option<&Path>,
    paper: Paper,
    out: &mut dyn Write,
) -> Result<u8, Error> {
    let (c, p) = ctx.load_plan()?;
    let page = chart::html(&c, &p, paper);
    match output {
        Some(path) if path.as_os_str() != "-" => {
            // the plan's dates and texts: private, like the config
            fsutil::write_atomic(path, page.as_bytes(), true)
                .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
            writeln!(
                out,
                "wrote {}; open it in a browser and print it",
                path.display()
            )
            .map_err(Error::output)?;
        }
        _ => out.write_all(page.as_bytes()).map_err(Error::output)?,
    }
    Ok(0)
}
