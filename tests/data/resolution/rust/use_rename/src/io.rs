use crate::codec::encode as enc;

pub fn write(x: u8) -> u8 {
    enc(x)
}
