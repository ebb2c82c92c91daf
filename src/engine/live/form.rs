//! The live panel's two forms as the engine reads them: the request builder
//! stands for one request (`build`), and each form shows the fields its
//! method or grant uses (`call_fields`, `token_fields`). The widget renders
//! what these say and holds no rule of its own about either. After a
//! failed call, `corrected` is the same form with the lint's fixes put in
//! (what "Send again" sends), and `preset_of` says which common call the
//! form holds (what the "Common calls" list shows).

use serde::{Deserialize, Serialize};

use super::call::HttpRequest;
use super::lint::{Field, LintFinding};
use crate::engine::api_facts::{can_send_body, grant_fields, wants_content_type, ME_PATH, PRESETS};
use crate::engine::redact::known::secret_field;

/// The request builder's fields, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CallForm {
    /// The environment picked: an origin of the allow-list.
    pub origin: String,
    /// Stands for `{slug}` in the path.
    pub slug: String,
    pub method: String,
    /// Path and query; must start with `/` (the origin check refuses it
    /// otherwise).
    pub path: String,
    /// The access token alone, without `Bearer`.
    pub token: String,
    pub accept: String,
    pub content_type: String,
    pub body: String,
}

/// Which of the request builder's optional fields a form shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallFields {
    /// The body field: for every method a browser sends a body with, and
    /// for any form holding one (so it can be cleared).
    pub body: bool,
    /// The Content-Type field: whenever the request sends one.
    pub content_type: bool,
}

/// The fields a request builder shows for its method and body.
pub fn call_fields(form: &CallForm) -> CallFields {
    let method = form.method.trim();
    let has_body = !form.body.trim().is_empty();
    CallFields {
        body: can_send_body(method) || has_body,
        content_type: wants_content_type(method, has_body),
    }
}

/// The request exactly as it will be sent: `{slug}` replaced, the token as
/// a bearer header, Accept as typed, Content-Type whenever the request
/// wants one. The URL is the origin and the path side by side: whether it
/// may be sent is `origin::refusal`'s to say, on this URL.
pub fn build(form: &CallForm) -> HttpRequest {
    let method = form.method.trim().to_ascii_uppercase();
    let path = form.path.trim().replace("{slug}", form.slug.trim());
    let token = form.token.trim();
    let accept = form.accept.trim();
    let content_type = form.content_type.trim();
    let has_body = !form.body.trim().is_empty();
    let mut headers = Vec::new();
    if !token.is_empty() {
        headers.push(("Authorization".to_string(), format!("Bearer {token}")));
    }
    if !accept.is_empty() {
        headers.push(("Accept".to_string(), accept.to_string()));
    }
    if wants_content_type(&method, has_body) && !content_type.is_empty() {
        headers.push(("Content-Type".to_string(), content_type.to_string()));
    }
    HttpRequest {
        url: format!("{}{}", form.origin.trim().trim_end_matches('/'), path),
        method,
        headers,
        body: has_body.then(|| form.body.clone()),
    }
}

/// `GET /v1/me` with the form's origin, token and Accept: whose token is it?
pub fn me_request(form: &CallForm) -> HttpRequest {
    build(&CallForm {
        method: "GET".into(),
        path: ME_PATH.into(),
        body: String::new(),
        ..form.clone()
    })
}

/// The request builder's field a fix goes into, and its label: only the
/// fields a fix can name.
fn fixed_field(form: &mut CallForm, field: Field) -> Option<(&mut String, &'static str)> {
    Some(match field {
        Field::Origin => (&mut form.origin, "Environment"),
        Field::Accept => (&mut form.accept, "Accept"),
        Field::ContentType => (&mut form.content_type, "Content-Type"),
        _ => return None,
    })
}

/// The form with the fixes of `findings` put in, and one line per field
/// changed ("Accept: application/vnd.api+json"); `None` when no fix
/// changes the form. `findings` are the lint's of the request sent.
pub fn corrected(form: &CallForm, findings: &[LintFinding]) -> Option<(CallForm, Vec<String>)> {
    let mut out = form.clone();
    let mut changes = Vec::new();
    for f in findings {
        let Some(value) = f.fix.as_deref() else {
            continue;
        };
        if let Some((slot, label)) = fixed_field(&mut out, f.field) {
            if slot.trim() != value {
                *slot = value.to_string();
                changes.push(format!("{label}: {value}"));
            }
        }
    }
    (!changes.is_empty()).then_some((out, changes))
}

/// The index in `PRESETS` of the common call the form holds (its method,
/// path and body), if it holds one.
pub fn preset_of(form: &CallForm) -> Option<usize> {
    PRESETS.iter().position(|p| {
        p.method.eq_ignore_ascii_case(form.method.trim())
            && p.path == form.path.trim()
            && p.body.trim() == form.body.trim()
    })
}

/// One field of the token form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenField {
    /// The form field's wire name (`client_secret`).
    pub name: &'static str,
    /// A credential: typed into a password field, never shown.
    pub secret: bool,
}

/// The fields the token form shows for a `grant_type`, besides the grant
/// and the token URL, in order: the ones the grant sends (what
/// `token_http_request` sends, so no field goes out unseen), and
/// `redirect_uri` whatever the grant, because it goes out whenever filled
/// (so Postman's password-grant mistake can be reproduced). `scope` is
/// sent as the form holds it and has no field.
pub fn token_fields(grant_type: &str) -> Vec<TokenField> {
    grant_fields(grant_type)
        .iter()
        .copied()
        .chain(std::iter::once("redirect_uri"))
        .filter(|name| *name != "scope")
        .fold(Vec::new(), |mut out, name| {
            if !out.iter().any(|f: &TokenField| f.name == name) {
                out.push(TokenField {
                    name,
                    secret: secret_field(name).is_some(),
                });
            }
            out
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::api_facts::{Grant, MEDIA_TYPE};
    use crate::engine::live::token_http_request;
    use crate::engine::live::TokenRequest;

    fn form(method: &str, path: &str, body: &str) -> CallForm {
        CallForm {
            origin: "https://api.scopestack.io/".into(),
            slug: " acme ".into(),
            method: method.into(),
            path: path.into(),
            token: "tok".into(),
            accept: MEDIA_TYPE.into(),
            content_type: MEDIA_TYPE.into(),
            body: body.into(),
        }
    }

    fn header<'a>(r: &'a HttpRequest, name: &str) -> Option<&'a str> {
        r.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn builds_the_request_as_sent() {
        let r = build(&form("get", "/{slug}/v1/projects", ""));
        assert_eq!(r.method, "GET");
        assert_eq!(r.url, "https://api.scopestack.io/acme/v1/projects");
        assert_eq!(header(&r, "Authorization"), Some("Bearer tok"));
        assert_eq!(header(&r, "Accept"), Some(MEDIA_TYPE));
        assert_eq!(header(&r, "Content-Type"), None);
        assert_eq!(r.body, None);
        let me = me_request(&form("POST", "/{slug}/v1/clients", "{}"));
        assert_eq!(me.url, "https://api.scopestack.io/v1/me");
        assert_eq!((me.method.as_str(), me.body), ("GET", None));
    }

    #[test]
    fn content_type_goes_with_writes_and_bodies_and_is_shown_then() {
        for (method, body, wanted) in [
            ("POST", "", true),
            ("PATCH", "{}", true),
            ("DELETE", "", false),
            ("DELETE", "{}", true),
            ("GET", "{}", false),
        ] {
            let f = form(method, "/acme/v1/x", body);
            let sent = header(&build(&f), "Content-Type").is_some();
            assert_eq!(sent, wanted, "{method} {body:?}");
            // The lint asks for what is sent, so the field is shown then.
            assert_eq!(call_fields(&f).content_type, wanted, "{method} {body:?}");
        }
        assert!(call_fields(&form("DELETE", "/acme/v1/x", "")).body);
        assert!(!call_fields(&form("GET", "/acme/v1/x", "")).body);
        assert!(call_fields(&form("GET", "/acme/v1/x", "{}")).body);
    }

    #[test]
    fn the_preset_shown_is_the_one_the_form_holds() {
        let mut f = form("GET", ME_PATH, "");
        assert_eq!(preset_of(&f).map(|i| PRESETS[i].path), Some(ME_PATH));
        for (i, p) in PRESETS.iter().enumerate() {
            f.method = p.method.into();
            f.path = p.path.into();
            f.body = p.body.into();
            assert_eq!(preset_of(&f), Some(i), "{}", p.label);
        }
        f.path = "/{slug}/v1/projects/2".into();
        assert_eq!(preset_of(&f), None);
    }

    #[test]
    fn corrected_puts_the_lint_fixes_in_and_says_what_changed() {
        use crate::engine::live::lint;
        let mut f = form("GET", "/{slug}/v1/projects", "");
        f.accept = "application/json".into();
        let (fixed, changes) = corrected(&f, &lint(&build(&f))).expect("a fix");
        assert_eq!(fixed.accept, MEDIA_TYPE);
        assert_eq!(changes, vec![format!("Accept: {MEDIA_TYPE}")]);
        // The corrected form lints clean of what was fixed, and has no
        // fix left to offer.
        assert!(corrected(&fixed, &lint(&build(&fixed))).is_none());

        let mut w = form(
            "POST",
            "/{slug}/v1/clients",
            "{\"data\":{\"type\":\"clients\"}}",
        );
        w.content_type = "application/json".into();
        w.origin = "https://app.scopestack.io".into();
        let (fixed, changes) = corrected(&w, &lint(&build(&w))).expect("a fix");
        assert_eq!(fixed.content_type, MEDIA_TYPE);
        assert_eq!(fixed.origin, "https://api.scopestack.io");
        assert_eq!(changes.len(), 2, "{changes:?}");
        // A mistake with no known value (no slug) is not "fixed".
        let s = form("GET", "/v1/projects", "");
        assert!(corrected(&s, &lint(&build(&s))).is_none());
    }

    #[test]
    fn every_field_a_grant_sends_is_shown() {
        for grant in Grant::ALL {
            let shown = token_fields(grant.as_str());
            let mut t = TokenRequest {
                grant_type: grant.as_str().into(),
                ..TokenRequest::default()
            };
            for (name, _) in TokenRequest::default().fields() {
                t.set(name, "value-1234".into());
            }
            let body = token_http_request(&t).body.unwrap_or_default();
            for pair in body.split('&') {
                let name = pair.split('=').next().unwrap_or_default();
                if name == "grant_type" || name == "scope" {
                    continue;
                }
                assert!(
                    shown.iter().any(|f| f.name == name),
                    "{grant:?} sends {name} but the form hides it"
                );
            }
        }
        let code = token_fields("authorization_code");
        assert!(code.iter().any(|f| f.name == "client_secret" && f.secret));
        assert!(code.iter().any(|f| f.name == "redirect_uri" && !f.secret));
    }
}
