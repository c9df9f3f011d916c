pub fn parse_header(line: &str) -> Option<(&str, &str)> {
    line.split_once(':').map(|(k, v)| (k.trim(), trim_value(v)))
}

fn trim_value(v: &str) -> &str {
    v.trim()
}

pub struct Parser;

impl Parser {
    pub fn new() -> Self {
        Parser
    }

    pub fn feed(&mut self, line: &str) -> bool {
        parse_header(line).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parser() -> Parser {
        let p = Parser::new();
        warm(&p);
        p
    }

    fn warm(_p: &Parser) {
        deeper();
    }

    fn deeper() {
        trim_value(" x ");
    }

    #[test]
    fn test_parse_header() {
        assert_eq!(parse_header("a: b"), Some(("a", "b")));
    }

    #[test]
    fn feeds_lines() {
        let mut p = parser();
        assert!(p.feed("a: b"));
    }

    fn not_a_test() {
        trim_value("y");
    }
}
