//! `aftercare man`: the man page to standard output, or one page per
//! command into a folder (the pages themselves: `crate::man`).

use std::io::Write;
use std::path::Path;

use crate::error::Error;
use crate::man;

/// The man page to `out`, or one page per command into `dir`.
/// `cmd` is the command line as documented (no hidden arguments).
pub(crate) fn man(
    mut cmd: clap::Command,
    dir: Option<&Path>,
    out: &mut dyn Write,
) -> Result<u8, Error> {
    cmd.build();
    match dir {
        None => {
            let page = man::page(&cmd, true).map_err(Error::output)?;
            out.write_all(&page).map_err(Error::output)?;
        }
        Some(dir) => {
            let context = || format!("cannot write man pages to {}", dir.display());
            std::fs::create_dir_all(dir).map_err(|e| Error::io(context(), e))?;
            let mut pages = Vec::new();
            man::pages(&cmd, true, &mut pages).map_err(|e| Error::io(context(), e))?;
            for (name, page) in pages {
                std::fs::write(dir.join(name), page).map_err(|e| Error::io(context(), e))?;
            }
            writeln!(
                out,
                "wrote aftercare.1 and a page per command (aftercare-plan.1, …) to {}",
                dir.display()
            )
            .map_err(Error::output)?;
        }
    }
    Ok(0)
}
