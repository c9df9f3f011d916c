//! Strict JSON reading for requests: like `serde_json::from_slice::<Value>`, but an
//! object with the same key twice is refused instead of keeping the last value
//! (`{"method":"health","method":"shutdown"}` must not be read as `shutdown`).

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// Why a request's bytes are not one acceptable JSON value.
#[derive(Debug)]
pub enum StrictError {
    /// Not JSON at all (JSON-RPC "parse error").
    Syntax(serde_json::Error),
    /// JSON, but an object repeats a key (JSON-RPC "invalid request"): the message
    /// says which key.
    DuplicateKey(String),
}

impl fmt::Display for StrictError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StrictError::Syntax(e) => write!(f, "{e}"),
            StrictError::DuplicateKey(key) => {
                write!(f, "the key {key:?} appears twice in one object; send each key once")
            }
        }
    }
}

impl std::error::Error for StrictError {}

/// Marker put in the serde error of a duplicate key so it can be told apart from a
/// syntax error after serde_json has wrapped it.
const DUPLICATE: &str = "codehub-duplicate-key:";

/// Reads `bytes` as one JSON value (trailing whitespace allowed), refusing any object,
/// at any depth, that holds a key twice.
///
/// Errors: [`StrictError::Syntax`] for bytes that are not JSON (or hold more than one
/// value); [`StrictError::DuplicateKey`] naming the repeated key.
pub fn from_slice(bytes: &[u8]) -> Result<Value, StrictError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = StrictSeed.deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    value.map_err(|e| {
        let text = e.to_string();
        match text.strip_prefix(DUPLICATE) {
            Some(rest) if e.classify() == serde_json::error::Category::Data => {
                // serde_json appends " at line L column C" to custom errors.
                let key = rest.rsplit_once(" at line ").map_or(rest, |(k, _)| k);
                StrictError::DuplicateKey(key.to_owned())
            }
            _ => StrictError::Syntax(e),
        }
    })
}

/// [`from_slice`] for text.
pub fn from_str(text: &str) -> Result<Value, StrictError> {
    from_slice(text.as_bytes())
}

struct StrictSeed;

impl<'de> DeserializeSeed<'de> for StrictSeed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        StrictSeed.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element_seed(StrictSeed)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!("{DUPLICATE}{key}")));
            }
            let value = map.next_value_seed(StrictSeed)?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_what_serde_json_reads() {
        let text = r#"{"a": [1, -2, 3.5, "x", null, true, {"b": {}}], "c": "\u00e9"} "#;
        assert_eq!(from_str(text).unwrap(), serde_json::from_str::<Value>(text).unwrap());
    }

    #[test]
    fn a_repeated_key_is_refused_at_any_depth() {
        let top = from_str(r#"{"method":"health","method":"shutdown"}"#).unwrap_err();
        assert!(matches!(&top, StrictError::DuplicateKey(k) if k == "method"), "{top:?}");
        let deep = from_str(r#"{"params":{"x":[{"k":1,"k":2}]}}"#).unwrap_err();
        assert!(matches!(&deep, StrictError::DuplicateKey(k) if k == "k"), "{deep:?}");
        assert_eq!(from_str(r#"{"k":1,"j":{"k":2}}"#).unwrap(), json!({"k":1,"j":{"k":2}}));
    }

    #[test]
    fn bad_json_is_a_syntax_error() {
        assert!(matches!(from_str("{\"a\":"), Err(StrictError::Syntax(_))));
        assert!(matches!(from_str("{} {}"), Err(StrictError::Syntax(_))));
        // A key that looks like the marker is still just a key.
        assert!(from_str(r#"{"codehub-duplicate-key:x": 1}"#).is_ok());
    }
}
