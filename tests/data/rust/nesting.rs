pub mod outer {
    pub mod inner {
        pub fn deep() -> u32 {
            1
        }
    }

    pub fn shallow() -> u32 {
        inner::deep()
    }
}

fn host(x: u32) -> u32 {
    fn helper(y: u32) -> u32 {
        fn innermost() -> u32 {
            2
        }
        y + innermost()
    }
    struct Local(u32);
    impl Local {
        fn get(&self) -> u32 {
            self.0
        }
    }
    let local = Local(helper(x));
    local.get() + outer::shallow()
}
