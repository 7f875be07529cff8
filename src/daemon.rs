use crate::cli::Env;
use crate::error::Error;
pub fn run(_env: &Env) -> Result<u8, Error> {
    Err(Error::Other("not yet".into()))
}
