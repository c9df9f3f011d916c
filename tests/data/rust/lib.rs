//! The crate root.

pub mod util {
    pub fn helper() -> u8 {
        1
    }

    pub mod deep {
        pub fn call_up() -> u8 {
            super::helper() + crate::root_fn() + super::super::root_fn()
        }
    }
}

mod net;

pub use util::helper;

pub fn root_fn() -> u8 {
    crate::util::helper() + self::util::deep::call_up() + net::connect() + crate::net::retry()
}
