//! The shape of an `Authorization` value: a leaf shared by the signals and
//! the live-call lint.

/// What is wrong with an `Authorization` value, if anything. Shared by the
/// signals (judging a paste) and the live-call lint (judging a request before
/// it is sent), so both name the same mistakes the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BearerShape {
    /// A scheme other than Bearer (Basic, Token, a bare token with no scheme).
    NotBearer { scheme: String },
    /// Nothing after `Bearer`, or a template placeholder.
    Empty,
    /// The whole JSON token response instead of the token.
    Json,
    /// `Bearer Bearer …`.
    Doubled,
    /// The token wrapped in quotes.
    Quoted,
    /// A space or line break inside the token.
    Whitespace,
    /// One clean token.
    WellFormed,
}

/// Judge an `Authorization` header value. The checks run in a fixed order
/// because a value can be wrong in several ways at once (a quoted JSON
/// blob), and the first is the one worth telling.
pub fn bearer_shape(value: &str) -> BearerShape {
    let v = value.trim();
    let (scheme, rest) = v.split_once(char::is_whitespace).unwrap_or((v, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return BearerShape::NotBearer {
            scheme: scheme.to_string(),
        };
    }
    let token = rest.trim();
    let lower = token.to_ascii_lowercase();
    if token.is_empty()
        || token.starts_with("{{")
        || token.starts_with('<')
        || lower.contains("your_access_token")
    {
        BearerShape::Empty
    } else if token.starts_with('{')
        || lower.contains("access_token")
        || lower.contains("token_type")
    {
        BearerShape::Json
    } else if lower.starts_with("bearer") {
        BearerShape::Doubled
    } else if token.starts_with('"') || token.starts_with('\'') || token.ends_with('"') {
        BearerShape::Quoted
    } else if token.contains(char::is_whitespace) {
        BearerShape::Whitespace
    } else {
        BearerShape::WellFormed
    }
}
