//! `aftercare run`: the daemon in the foreground, what the user service
//! starts (the daemon itself is `crate::daemon`).

use crate::app::Context;
use crate::daemon;
use crate::error::Error;

/// Run the daemon until the plan is over or a signal stops it.
pub(crate) fn run(ctx: &Context) -> Result<u8, Error> {
    daemon::run(ctx)
}
