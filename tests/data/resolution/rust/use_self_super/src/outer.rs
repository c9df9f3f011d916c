pub fn top() -> u8 {
    inner::leaf()
}

fn helper() -> u8 {
    1
}

mod inner {
    pub fn leaf() -> u8 {
        super::helper() + self::local()
    }

    fn local() -> u8 {
        2
    }
}
