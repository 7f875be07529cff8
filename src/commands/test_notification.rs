//! `aftercare test-notification`: send one sample and describe the
//! notification server.

use std::io::Write;

use crate::error::Error;
use crate::i18n::Lang;
use crate::notifier::{self, Capabilities};

/// Send a sample in the locale's language; what it prints about the
/// server stays English (it is for bug reports).
pub(crate) fn test_notification(lang: Lang, out: &mut dyn Write) -> Result<u8, Error> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("cannot start the async runtime", e))?;
    let (info, list, id) = rt
        .block_on(notifier::probe(lang))
        .map_err(Error::NoNotificationServer)?;
    let caps = Capabilities::from_list(&list);
    let w = Error::output;
    writeln!(out, "sent notification {id}").map_err(w)?;
    writeln!(
        out,
        "server: {} {} ({}), spec {}",
        info.name, info.version, info.vendor, info.spec
    )
    .map_err(w)?;
    writeln!(out, "capabilities: {}", list.join(", ")).map_err(w)?;
    writeln!(
        out,
        "actions (Done/Snooze buttons): {}",
        if caps.actions {
            "yes"
        } else {
            "no: use `aftercare plan` to follow up"
        }
    )
    .map_err(w)?;
    Ok(0)
}
