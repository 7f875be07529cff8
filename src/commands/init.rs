//! `aftercare init`: write a config for a treatment date.

use std::io::Write;

use crate::app::Context;
use crate::app::new_config::{self, NewConfig};
use crate::error::Error;

pub(crate) fn init(ctx: &Context, args: &NewConfig, out: &mut dyn Write) -> Result<u8, Error> {
    new_config::write(ctx, args)?;
    writeln!(
        out,
        "wrote {} (private: mode 0600)",
        ctx.paths.config.display()
    )
    .map_err(Error::output)?;
    writeln!(
        out,
        "next: review it, then `aftercare plan` to see the schedule and `aftercare install` to start reminders"
    )
    .map_err(Error::output)?;
    Ok(0)
}
