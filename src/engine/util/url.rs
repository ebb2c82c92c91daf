//! Reading URLs: the parts the rules care about, and the origin.

/// A URL split into the parts the rules care about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlParts {
    pub host: String,
    pub path: String,
    pub query: String,
}

impl UrlParts {
    /// The path's last segment (a record id, a resource), ignoring a
    /// trailing `/`; empty for `/`.
    pub fn last_segment(&self) -> &str {
        self.path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default()
    }
}

/// Host (lower-cased, without user info or port), path (`/` when empty) and
/// query of an http(s) URL; `None` for anything else.
pub fn split_url(url: &str) -> Option<UrlParts> {
    let url = url.trim().trim_matches(|c| c == '"' || c == '\'');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (authority, tail) = match rest.find(['/', '?', '#']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let host = authority
        .rsplit('@')
        .next()
        .unwrap_or(authority)
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let tail = tail.split('#').next().unwrap_or_default();
    let (path, query) = match tail.split_once('?') {
        Some((p, q)) => (p, q),
        None => (tail, ""),
    };
    let path = if path.is_empty() { "/" } else { path };
    Some(UrlParts {
        host,
        path: path.to_string(),
        query: query.to_string(),
    })
}

/// `scheme://host[:port]`, lower-cased and without a default port.
pub fn origin_of(url: &str) -> Option<String> {
    let u = url.trim();
    if u.chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return None;
    }
    let (scheme, rest) = u.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => "443",
        "http" => "80",
        _ => return None,
    };
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let (host, port) = if authority.starts_with('[') {
        let end = authority.find(']')?;
        let after = &authority[end + 1..];
        let port = match after.strip_prefix(':') {
            Some(p) => p,
            None if after.is_empty() => "",
            None => return None,
        };
        (&authority[..=end], port)
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h, p),
            None => (authority, ""),
        }
    };
    if host.is_empty() || !port.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let port = port.trim_start_matches('0');
    let port = if port.is_empty() || port == default_port {
        String::new()
    } else {
        format!(":{port}")
    };
    Some(format!("{scheme}://{}{port}", host.to_ascii_lowercase()))
}
