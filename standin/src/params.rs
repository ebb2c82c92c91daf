//! Request parameters the way Rails merges them: query string first, then a form or
//! JSON body on top, the last value of a name winning.

use serde_json::Value;

#[derive(Debug, Default, Clone)]
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn from_query(query: Option<&str>) -> Params {
        Params(
            query
                .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
                .unwrap_or_default(),
        )
    }

    /// Adds a form-urlencoded or JSON body; `Err` when the body cannot be parsed as what
    /// its Content-Type claims (Rails then answers 400 before any controller runs).
    pub fn add_body(&mut self, content_type: &str, body: &[u8]) -> Result<(), ()> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        let media = media_type(content_type);
        if media == "application/json" || media.ends_with("+json") {
            let value: Value = serde_json::from_slice(body).map_err(|_| ())?;
            let Value::Object(map) = value else {
                return Err(());
            };
            for (k, v) in map {
                let text = match v {
                    Value::String(s) => s,
                    Value::Null => String::new(),
                    other => other.to_string(),
                };
                self.0.push((k, text));
            }
            Ok(())
        } else {
            // curl -d and most tools send form bodies, sometimes without a Content-Type.
            let pairs: Vec<(String, String)> =
                serde_urlencoded::from_bytes(body).map_err(|_| ())?;
            self.0.extend(pairs);
            Ok(())
        }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Present with a non-blank value (Rails' `params[:x].present?`).
    pub fn present(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|v| !v.trim().is_empty())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// `application/json; charset=utf-8` → `application/json`.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}
