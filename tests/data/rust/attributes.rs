#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Config {
    pub verbose: bool,
}

#[inline]
#[must_use]
pub fn add(a: i32, b: i32) -> i32 {
    a + b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds() {
        assert_eq!(add(1, 2), 3);
    }

    #[tokio::test]
    async fn async_adds() {
        let c = Config { verbose: true };
        assert!(c.verbose);
        helper();
    }

    #[allow(dead_code)]
    fn helper() {}
}
