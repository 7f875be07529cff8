//! `aftercare uninstall`: stop and remove the user service; `--purge` also
//! deletes the config and the journal.

use std::io::Write;

use crate::app::Context;
use crate::error::Error;
use crate::service::{
    UNIT, packaged_unit, remove_if_there, require_user_manager, systemctl, this_binary,
};

pub(crate) fn uninstall(ctx: &Context, purge: bool, out: &mut dyn Write) -> Result<u8, Error> {
    let unit_path = ctx.paths.unit_file();
    match require_user_manager() {
        Ok(()) => {
            // Not loaded or already disabled is fine.
            let _ = systemctl(&["disable", "--now", UNIT]);
        }
        Err(e) if unit_path.exists() => return Err(e),
        Err(_) => {}
    }
    let desktop_path = ctx.paths.desktop_file();
    if desktop_path.exists() {
        std::fs::remove_file(&desktop_path)
            .map_err(|e| Error::io(format!("cannot remove {}", desktop_path.display()), e))?;
        writeln!(out, "removed {}", desktop_path.display()).map_err(Error::output)?;
    }
    let dropin = remove_if_there(&ctx.paths.unit_dropin(), out)?;
    let own = unit_path.exists() && remove_if_there(&unit_path, out)?;
    if own || dropin {
        let _ = systemctl(&["daemon-reload"]);
        let _ = systemctl(&["reset-failed", UNIT]);
    }
    let packaged = this_binary().ok().and_then(|exe| packaged_unit(&exe));
    match (own, packaged) {
        (false, Some(p)) => writeln!(
            out,
            "disabled the packaged unit {} (the package keeps it)",
            p.display()
        )
        .map_err(Error::output)?,
        (false, None) => {
            writeln!(out, "no unit at {}", unit_path.display()).map_err(Error::output)?
        }
        (true, _) => {}
    }
    if purge {
        for p in [&ctx.paths.config] {
            if p.exists() {
                std::fs::remove_file(p)
                    .map_err(|e| Error::io(format!("cannot remove {}", p.display()), e))?;
                writeln!(out, "removed {}", p.display()).map_err(Error::output)?;
            }
        }
        let state = &ctx.paths.state_dir;
        if state.exists() {
            std::fs::remove_dir_all(state)
                .map_err(|e| Error::io(format!("cannot remove {}", state.display()), e))?;
            writeln!(out, "removed {}", state.display()).map_err(Error::output)?;
        }
    } else {
        writeln!(
            out,
            "kept {} and the journal in {} (use --purge to remove them)",
            ctx.paths.config.display(),
            ctx.paths.state_dir.display()
        )
        .map_err(Error::output)?;
    }
    Ok(0)
}
