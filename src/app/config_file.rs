//! Reading the config file: regular files only, size-limited, UTF-8; then
//! the pure parser.

use std::path::Path;

use crate::config::{Config, ConfigError, Defaults, MAX_CONFIG_BYTES, parse};

/// Read a config file and parse it.
pub(crate) fn load(path: &Path, defaults: Defaults) -> Result<Config, ConfigError> {
    let origin = path.display().to_string();
    let bytes = read_limited(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            ConfigError::new(&origin, "no config file here").hint(format!(
                "create one with `aftercare init --date YYYY-MM-DD --time HH:MM` (it writes {origin}), \
                 or point at another file with --config FILE or AFTERCARE_CONFIG"
            ))
        } else {
            let hint = if e.kind() == std::io::ErrorKind::PermissionDenied {
                "make it readable by you: chmod 600 on the file"
            } else {
                "check that the path is a readable file"
            };
            ConfigError::new(&origin, format!("cannot read the config: {e}")).hint(hint)
        }
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
        let mut err = ConfigError::at(
            &origin,
            &prefix,
            good..good,
            format!("the file is not valid UTF-8 (bad byte at offset {good})"),
        );
        err.snippet = None;
        err.hint("save the file as UTF-8 text")
    })?;
    parse(&text, &origin, defaults)
}

fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let mut buf = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > MAX_CONFIG_BYTES {
        return Err(std::io::Error::other(format!(
            "the file is larger than {} KiB; a config is a few KB of text",
            MAX_CONFIG_BYTES / 1024
        )));
    }
    Ok(buf)
}
