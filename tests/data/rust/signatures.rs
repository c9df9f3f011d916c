pub struct Inner;

impl Inner {
    pub fn ping(&self) -> bool {
        true
    }
}

/// A newtype.
pub struct Wrapper(Inner, u8);

impl Wrapper {
    pub(crate) fn ping_inner(&self) -> bool {
        self.0.ping()
    }

    pub unsafe extern "C" fn raw(
        &self,
        first: *const u8, // the bytes
        second: usize,
    ) -> i32 {
        0
    }

    fn generic<
        T: Clone + Default,
        U,
    >(
        &self,
        t: T,
        u: U,
    ) -> (T, U)
    where
        U: Copy,
    {
        (t, u)
    }
}

pub const fn sizes<const N: usize>(/* none */) -> [u8; N] {
    [0; N]
}
