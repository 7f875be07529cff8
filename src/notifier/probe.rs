//! The notification server probed for `aftercare test-notification`: one
//! sample sent and what the server says about itself, every call bounded
//! like the daemon's.

use zbus::Connection;

use super::dbus::{DEST, PATH, bounded, capabilities_of, notify};
use super::note::{Capabilities, Note, build};
use crate::i18n::{self, Lang};

/// What the server says about itself.
#[derive(Debug)]
pub(crate) struct ServerInfo {
    pub name: String,
    pub vendor: String,
    pub version: String,
    pub spec: String,
}

/// Send the sample notification (in `lang`); the server's information,
/// its capabilities and the sample's id.
pub(crate) async fn probe(lang: Lang) -> Result<(ServerInfo, Vec<String>, u32), String> {
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
    let note = Note::info(m.text("test-title"), m.text("test-body"));
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
