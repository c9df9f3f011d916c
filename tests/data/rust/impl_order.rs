use std::fmt::Display;

impl Early {
    pub fn first() -> Self {
        Early
    }
}

pub struct Early;

impl Display for Early {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("early")
    }
}

impl Display for Vec<u8> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Ok(())
    }
}

impl Iterator for Early {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        None
    }
}

mod sub {
    pub struct Inner;

    impl super::Early {
        pub fn from_sub() -> super::Early {
            super::Early::first()
        }
    }

    impl Inner {
        fn make() -> Inner {
            Inner
        }
    }
}

impl sub::Inner {
    fn outside(&self) {}
}

impl<'a> Clone for &'a Early {
    fn clone(&self) -> Self {
        self
    }
}
