//! The names that carry secrets, in one list for all of redaction.
//!
//! A name is compared with case, `-` and `_` ignored, so `access_token`,
//! `accessToken`, `Access-Token` and `ACCESS_TOKEN` are one name, and an
//! ending also matches inside a longer name (`SCOPESTACK_CLIENT_SECRET`,
//! `x-api-key`, `db_password`). Besides the secret names, a short list of
//! names whose values look random but are what support needs to read
//! (request and trace ids, the OAuth `client_id`), which the layout-free
//! layer leaves readable.

use super::SecretKind;

/// What a secret-bearing name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Name {
    Secret(SecretKind),
    /// `Authorization`: a scheme, then the credential.
    Authorization,
    /// `Cookie` / `Set-Cookie`: `name=value` pairs and attributes.
    Cookie,
    /// HAR's `"cookies": [...]` array.
    CookieArray,
    /// OAuth `code`, a secret only in an OAuth exchange.
    Code,
    Bearer,
}

/// How a normalised name is compared with an entry.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Match {
    Whole,
    Ending,
}

use Match::{Ending, Whole};
use SecretKind as K;

/// The secret-bearing names, normalised (lowercase, no `-` or `_`); the
/// first entry that matches decides, so specific names come before the
/// endings that would also match them.
const SECRET_NAMES: &[(&str, Match, Name)] = &[
    ("authorization", Whole, Name::Authorization),
    ("proxyauthorization", Whole, Name::Authorization),
    ("cookie", Whole, Name::Cookie),
    ("setcookie", Whole, Name::Cookie),
    ("cookies", Whole, Name::CookieArray),
    ("code", Whole, Name::Code),
    ("authcode", Whole, Name::Code),
    ("authorizationcode", Whole, Name::Code),
    ("bearer", Whole, Name::Bearer),
    ("passwordconfirmation", Whole, Name::Secret(K::Password)),
    ("accesstoken", Ending, Name::Secret(K::AccessToken)),
    ("refreshtoken", Ending, Name::Secret(K::RefreshToken)),
    ("idtoken", Ending, Name::Secret(K::IdToken)),
    ("bearertoken", Ending, Name::Secret(K::BearerToken)),
    ("token", Whole, Name::Secret(K::AccessToken)),
    ("authtoken", Whole, Name::Secret(K::AccessToken)),
    ("oauthtoken", Whole, Name::Secret(K::AccessToken)),
    ("clientsecret", Ending, Name::Secret(K::ClientSecret)),
    ("password", Ending, Name::Secret(K::Password)),
    ("passwd", Ending, Name::Secret(K::Password)),
    ("passphrase", Ending, Name::Secret(K::Password)),
    ("pwd", Whole, Name::Secret(K::Password)),
    ("apikey", Ending, Name::Secret(K::ApiKey)),
    ("apitoken", Ending, Name::Secret(K::ApiKey)),
    ("accesskey", Ending, Name::Secret(K::ApiKey)),
    ("secretkey", Ending, Name::Secret(K::ApiKey)),
    ("privatekey", Ending, Name::Secret(K::ApiKey)),
    ("token", Ending, Name::Secret(K::Other)),
    ("secret", Ending, Name::Secret(K::Other)),
];

/// Names that start like a secret's but say something about one
/// (`invalid_token`, `expired_token`, `missing_client_secret`).
const NOT_SECRET_PREFIXES: [&str; 6] = [
    "invalid",
    "expired",
    "revoked",
    "missing",
    "insufficient",
    "unsupported",
];

/// Names that end like a secret's but carry none: Postman's per-request
/// `Postman-Token` is a UUID to defeat caches.
const NOT_SECRET_NAMES: [&str; 1] = ["postmantoken"];

/// Names whose values support reads: ids that look random by design, and
/// the user a credential belongs to (curl's `with user '…'`).
const READABLE_NAMES: [&str; 15] = [
    "user",
    "username",
    "xamzcfid",
    "requestid",
    "xrequestid",
    "correlationid",
    "xcorrelationid",
    "traceid",
    "xamzntraceid",
    "traceparent",
    "cfray",
    "etag",
    "clientid",
    "uid",
    "id",
];

/// Keys longer than this are not keys (and are not normalised).
pub(super) const MAX_NAME: usize = 40;

/// `w` lowercased without `-` and `_`, into `buf`; None when too long.
fn normalise<'b>(w: &[u8], buf: &'b mut [u8; MAX_NAME]) -> Option<&'b [u8]> {
    if w.len() > MAX_NAME {
        return None;
    }
    let mut len = 0;
    for &c in w {
        if c != b'-' && c != b'_' {
            buf[len] = c.to_ascii_lowercase();
            len += 1;
        }
    }
    Some(&buf[..len])
}

/// Which secret the word `w` names, if any.
pub(super) fn classify(w: &[u8]) -> Option<Name> {
    if w.len() < 4 {
        return None;
    }
    // Most words end in no name's last letter: a cheap test first.
    let last = w[w.len() - 1].to_ascii_lowercase();
    if !SECRET_NAMES
        .iter()
        .any(|(n, _, _)| n.as_bytes().last() == Some(&last))
    {
        return None;
    }
    let mut buf = [0u8; MAX_NAME];
    let k = normalise(w, &mut buf)?;
    if NOT_SECRET_PREFIXES
        .iter()
        .any(|p| k.starts_with(p.as_bytes()) && k.len() > p.len())
    {
        return None;
    }
    if NOT_SECRET_NAMES.iter().any(|n| n.as_bytes() == k) {
        return None;
    }
    SECRET_NAMES.iter().find_map(|&(n, how, name)| {
        let n = n.as_bytes();
        let hit = match how {
            Whole => k == n,
            Ending => k.ends_with(n),
        };
        hit.then_some(name)
    })
}

/// Whether `name` (a header, field or variable name) carries a secret:
/// for the parts of the engine that decide what to keep out of a command
/// or a transcript.
pub fn is_secret_name(name: &str) -> bool {
    classify(name.as_bytes()).is_some_and(|n| n != Name::CookieArray && n != Name::Code)
}

/// Whether the word `w` names a value support reads (`X-Request-Id`,
/// `client_id`), which the layout-free layer leaves as it is.
pub(super) fn is_readable_name(w: &[u8]) -> bool {
    let mut buf = [0u8; MAX_NAME];
    normalise(w, &mut buf).is_some_and(|k| READABLE_NAMES.iter().any(|n| n.as_bytes() == k))
}
