macro_rules! square {
    ($x:expr) => {
        helper($x) * helper($x)
    };
}

fn helper(x: i32) -> i32 {
    x
}

pub struct Stack(Vec<i32>);

impl Stack {
    fn peek(&self) -> Option<&i32> {
        self.0.last()
    }

    fn show(&self) {
        println!("{:?} {}", self.peek(), helper(1));
        debug_assert!(self.0.iter().all(|x| *x > 0));
    }
}

fn uses_macros() -> i32 {
    let v = vec![helper(1), square!(2), Stack(vec![]).0.len() as i32];
    assert_eq!(helper(3), 3, "{}", std::process::id());
    thread_local! {
        static COUNTER: i32 = helper(0);
    }
    v[0]
}
