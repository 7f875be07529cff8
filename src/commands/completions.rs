//! `aftercare completions SHELL`: the shell's completion script.

use std::io::Write;

use crate::error::Error;

/// Completions for `cmd` (the command line as documented). Into memory
/// first: clap_complete panics when its writer fails (`completions bash |
/// head -1`); our write maps a closed pipe to success.
pub(crate) fn completions(
    mut cmd: clap::Command,
    shell: clap_complete::Shell,
    out: &mut dyn Write,
) -> Result<u8, Error> {
    let mut text = Vec::new();
    clap_complete::generate(shell, &mut cmd, "aftercare", &mut text);
    out.write_all(&text).map_err(Error::output)?;
    Ok(0)
}
