//! Where aftercare's files live, resolved once from the environment (XDG via
//! `directories`, `--config` / `AFTERCARE_CONFIG`) and passed down.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

use crate::error::Error;

#[derive(Debug, Clone)]
pub(crate) struct Paths {
    /// The config file in use.
    pub config: PathBuf,
    /// `$XDG_STATE_HOME/aftercare`: the journal lives here.
    pub state_dir: PathBuf,
    /// `$XDG_CONFIG_HOME/systemd/user`: where `install` puts the unit.
    pub unit_dir: PathBuf,
    /// `$XDG_DATA_HOME/applications`: where `install` puts the `.desktop`
    /// file that the notifications' `desktop-entry` hint names.
    pub applications_dir: PathBuf,
}

impl Paths {
    /// Resolve from the environment; `config` overrides the default file.
    pub(crate) fn resolve(config: Option<PathBuf>) -> Result<Paths, Error> {
        let dirs = ProjectDirs::from("", "", "aftercare").ok_or(Error::NoHome)?;
        let config = config.unwrap_or_else(|| dirs.config_dir().join("config.toml"));
        let state_dir = dirs
            .state_dir()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| dirs.data_local_dir().to_path_buf());
        // ProjectDirs' config_dir is $XDG_CONFIG_HOME/aftercare.
        let config_home = dirs
            .config_dir()
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        // ProjectDirs' data_dir is $XDG_DATA_HOME/aftercare.
        let data_home = dirs
            .data_dir()
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Ok(Paths {
            config,
            state_dir,
            unit_dir: config_home.join("systemd").join("user"),
            applications_dir: data_home.join("applications"),
        })
    }

    pub(crate) fn journal(&self) -> PathBuf {
        self.state_dir.join("journal.json")
    }

    pub(crate) fn unit_file(&self) -> PathBuf {
        self.unit_dir.join("aftercare.service")
    }

    /// The drop-in that names a config other than the default one, when
    /// the packaged unit is used.
    pub(crate) fn unit_dropin(&self) -> PathBuf {
        self.unit_dir.join("aftercare.service.d/config.conf")
    }

    pub(crate) fn desktop_file(&self) -> PathBuf {
        self.applications_dir.join("aftercare.desktop")
    }
}
