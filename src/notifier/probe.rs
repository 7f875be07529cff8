//! `aftercare test-notification`: send one sample and describe the
//! notification server, every call bounded like the daemon's.

use std::io::Write;

use zbus::Connection;

use super::dbus::{DEST, PATH, bounded, capabilities_of, notify};
use super::{Capabilities, Note, build};
use crate::error::Error;
use crate::i18n::{self, Lang};

/// What the server says about itself.
#[derive(Debug)]
struct ServerInfo {
    name: String,
    vendor: String,
    version: String,
    spec: String,
}

async fn probe(lang: Lang) -> Result<(ServerInfo, Vec<String>, u32), String> {
    let conn = bounded("connect to the session bus", Connection::session()).await?;
    let reply = bounded(
        "GetServerInformation",
        conn.call_method(Some(DEST), PATH, Some(DEST), "GetServerInformation", &()),
    )
    .await?;
    let (name, vendor, version, spec): (String, String, String, String) =
        reply.body().deserialize().map_err(|e| e.to_string())?;
    let list = capabilities_of(&conn).await?;
    let m = i18n::messages(lang);
    let note = Note::info("test", m.text("test-title"), m.text("test-body"));
    let n = build(&note, Capabilities::from_list(&list));
    let id = bounded("Notify", notify(&conn, &n, 0)).await?;
    let info = ServerInfo {
        name,
        vendor,
        version,
        spec,
    };
    Ok((info, list, id))
}

/// Send a sample in the locale's language; what it prints about the
/// server stays English (it is for bug reports).
pub(crate) fn test_notification(lang: Lang, out: &mut dyn Write) -> Result<u8, Error> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("cannot start the async runtime", e))?;
    let (info, list, id) = rt
        .block_on(probe(lang))
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
