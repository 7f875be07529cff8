use crate::error::Error;
pub fn test_notification(_out: &mut dyn std::io::Write) -> Result<u8, Error> {
    Err(Error::Other("not yet".into()))
}
