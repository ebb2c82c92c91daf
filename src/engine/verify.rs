//! Verifying a fix: two live exchanges of the same call, before and after
//! a change, compared. What changed in the request, which of the first
//! call's flagged checks (confirmed or likely) the change fixed (ruled out
//! on the second, or gone with its section), which still hold, and whether
//! the second answer is a success, the same problem or a different one,
//! in one sentence built from the two exchanges. Pure: the caller diagnoses
//! both calls and seals the sentence (it quotes the request).

use serde::{Deserialize, Serialize};

use super::diagnosis::{CheckState, Diagnosis};
use super::live::HttpRequest;
use super::redact::known::secret_header;
use super::util::url::{split_url, UrlParts};

/// One check of the first call's, as the second call left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifiedCheck {
    /// `<section>/<check>`.
    pub id: String,
    /// The check's text, as the first call's checklist had it.
    pub check: String,
}

/// What a change to a failing call did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// For a person: what changed, what is gone, what the call does now.
    pub sentence: String,
    /// Flagged on the first call, ruled out or gone on the second.
    pub fixed: Vec<VerifiedCheck>,
    /// Flagged on both calls.
    pub holding: Vec<VerifiedCheck>,
    /// The second call answered with no error.
    pub resolved: bool,
    /// The second call fails for another reason (another section).
    pub different: bool,
}

/// Compare a failed call with the same call sent again. `None` when there
/// is nothing to verify: the first call had no error, or the second is
/// another call (another method, or another endpoint).
pub fn verify(
    before_req: &HttpRequest,
    before: &Diagnosis,
    after_req: &HttpRequest,
    after: &Diagnosis,
) -> Option<Verification> {
    let first = before.primary.as_deref()?;
    if !same_call(before_req, after_req) {
        return None;
    }
    let flagged = |s: CheckState| matches!(s, CheckState::Confirmed | CheckState::Likely);
    let (mut fixed, mut holding) = (Vec::new(), Vec::new());
    for item in before.checklist.iter().filter(|c| flagged(c.state)) {
        let now = after.checklist.iter().find(|c| c.id == item.id);
        let check = VerifiedCheck {
            id: item.id.clone(),
            check: item.check.clone(),
        };
        match now.map(|c| c.state) {
            None | Some(CheckState::RuledOut) => fixed.push(check),
            Some(s) if flagged(s) => holding.push(check),
            // Not known either way on the second call: neither fixed nor
            // shown to hold.
            Some(_) => {}
        }
    }
    let resolved = after.primary.is_none();
    let different = !resolved && after.primary.as_deref() != Some(first);
    let changes = changes(before_req, after_req);
    let changed = if changes.is_empty() {
        "Nothing in the request changed".to_string()
    } else {
        capitalised(&list(&changes))
    };
    let was = failure(before);
    let sentence = if resolved {
        match after.facts.status {
            Some(s) => format!("{changed}, and {was} is gone; the call now succeeds ({s})."),
            None => format!("{changed}, and {was} is gone; the call now shows no error."),
        }
    } else if different {
        format!(
            "{changed}, and {was} is gone; the call now fails with {}: a different problem ({}).",
            failure_short(after),
            title(after)
        )
    } else {
        let still = match holding.len() {
            0 => String::new(),
            1 => format!("; 1 of its checks still holds: {}", holding[0].check),
            n => format!("; {n} of its checks still hold"),
        };
        format!(
            "{changed}, but the call still fails with {}: the same problem ({}){still}.",
            failure_short(after),
            title(after)
        )
    };
    Some(Verification {
        sentence,
        fixed,
        holding,
        resolved,
        different,
    })
}

/// Same method, and the same endpoint: the path with its query and any
/// account slug left out (a fix may add the slug or `?version=2`).
fn same_call(a: &HttpRequest, b: &HttpRequest) -> bool {
    let endpoint = |r: &HttpRequest| {
        let path = split_url(&r.url).map(|p| p.path).unwrap_or_default();
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let from = parts.iter().position(|s| *s == "v1").unwrap_or(0);
        parts.get(from..).unwrap_or_default().join("/")
    };
    a.method.eq_ignore_ascii_case(&b.method) && endpoint(a) == endpoint(b)
}

/// What changed from one request to the other, a clause each. Secret
/// headers are said to have changed, never what they hold.
fn changes(a: &HttpRequest, b: &HttpRequest) -> Vec<String> {
    let mut out = Vec::new();
    let (pa, pb) = (split_url(&a.url), split_url(&b.url));
    let host = |p: &Option<UrlParts>| p.as_ref().map(|p| p.host.clone()).unwrap_or_default();
    if host(&pa) != host(&pb) {
        out.push(format!("the host is now {}", host(&pb)));
    }
    let path = |p: &Option<UrlParts>| {
        p.as_ref()
            .map(|p| match p.query.as_str() {
                "" => p.path.clone(),
                q => format!("{}?{q}", p.path),
            })
            .unwrap_or_default()
    };
    if path(&pa) != path(&pb) {
        out.push(format!("the path is now {}", path(&pb)));
    }
    let value = |r: &HttpRequest, name: &str| {
        r.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_string())
    };
    let mut names: Vec<&str> = Vec::new();
    for (n, _) in b.headers.iter().chain(a.headers.iter()) {
        if !names.iter().any(|x| x.eq_ignore_ascii_case(n)) {
            names.push(n);
        }
    }
    for name in names {
        let (was, now) = (value(a, name), value(b, name));
        if was == now {
            continue;
        }
        out.push(match (was, now) {
            (_, None) => format!("{name} is no longer sent"),
            (None, Some(_)) if secret_header(name) => format!("{name} is now sent"),
            (Some(_), Some(_)) if secret_header(name) => {
                format!("{name} now carries a different credential")
            }
            (_, Some(v)) => format!("{name} is now {v}"),
        });
    }
    let body = |r: &HttpRequest| r.body.as_deref().map(str::trim).unwrap_or("").to_string();
    if body(a) != body(b) {
        out.push("the body changed".into());
    }
    out
}

/// "the 406", or the section's title when no status came back.
fn failure(d: &Diagnosis) -> String {
    match d.facts.status {
        Some(s) => format!("the {s}"),
        None => format!("the failure ({})", title(d)),
    }
}

/// "403", or the section's title when no status came back.
fn failure_short(d: &Diagnosis) -> String {
    match d.facts.status {
        Some(s) => s.to_string(),
        None => "no response".to_string(),
    }
}

fn title(d: &Diagnosis) -> String {
    d.primary_section()
        .map(|s| s.title.clone())
        .or_else(|| d.primary.clone())
        .unwrap_or_default()
}

/// "a, b and c".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The clauses begin with ASCII (a header name, "the"): no Unicode case
/// tables for one letter.
fn capitalised(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::api_facts::MEDIA_TYPE;
    use crate::engine::live::{diagnose_exchange, HttpResponse, Outcome};

    fn request(accept: &str, token: &str) -> HttpRequest {
        HttpRequest {
            method: "GET".into(),
            url: "https://api.scopestack.io/acme/v1/projects".into(),
            headers: vec![
                ("Authorization".into(), format!("Bearer {token}")),
                ("Accept".into(), accept.into()),
            ],
            body: None,
        }
    }

    fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> Outcome {
        Outcome::Response(HttpResponse {
            status,
            status_text: String::new(),
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            body: body.into(),
            elapsed_ms: 10,
        })
    }

    const NOT_ACCEPTABLE: &str = r#"{"errors":[{"title":"Not acceptable","detail":"All requests must use the 'application/vnd.api+json' Accept without media type parameters. This request specified 'application/json'.","code":"406","status":"406"}]}"#;
    const FORBIDDEN: &str = r#"{"errors":[{"title":"Forbidden","detail":"You are not authorized to perform this action.","code":"403","status":"403"}]}"#;
    const JSON: [(&str, &str); 1] = [("Content-Type", "application/vnd.api+json")];
    const EXPIRED: &str = r#"Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token expired""#;

    fn exchange(req: &HttpRequest, outcome: &Outcome) -> Diagnosis {
        diagnose_exchange(req, outcome)
    }

    #[test]
    fn a_fixed_accept_then_a_403_is_a_different_problem() {
        let (a, b) = (
            request("application/json", "tok-1234567890"),
            request(MEDIA_TYPE, "tok-1234567890"),
        );
        let first = exchange(&a, &answer(406, &JSON, NOT_ACCEPTABLE));
        let second = exchange(&b, &answer(403, &JSON, FORBIDDEN));
        let v = verify(&a, &first, &b, &second).expect("compared");
        assert!(v.different && !v.resolved, "{v:?}");
        assert!(
            v.sentence.starts_with(&format!(
                "Accept is now {MEDIA_TYPE}, and the 406 is gone; the call now fails with 403: a different problem"
            )),
            "{}",
            v.sentence
        );
        assert!(
            v.fixed
                .iter()
                .any(|c| c.id == "required-headers/wrong-accept"),
            "{v:?}"
        );
        assert!(v.holding.is_empty(), "{v:?}");
    }

    #[test]
    fn a_fixed_accept_then_a_200_resolves_it() {
        let (a, b) = (
            request("application/json", "tok-1234567890"),
            request(MEDIA_TYPE, "tok-1234567890"),
        );
        let first = exchange(&a, &answer(406, &JSON, NOT_ACCEPTABLE));
        let second = exchange(&b, &answer(200, &JSON, r#"{"data":[]}"#));
        let v = verify(&a, &first, &b, &second).expect("compared");
        assert!(v.resolved && !v.different, "{v:?}");
        assert_eq!(
            v.sentence,
            format!(
                "Accept is now {MEDIA_TYPE}, and the 406 is gone; the call now succeeds (200)."
            )
        );
        // Every check flagged on the first call is fixed.
        let flagged = first
            .checklist
            .iter()
            .filter(|c| matches!(c.state, CheckState::Confirmed | CheckState::Likely))
            .count();
        assert_eq!(v.fixed.len(), flagged);
    }

    #[test]
    fn a_new_token_is_said_to_have_changed_never_shown() {
        let (a, b) = (
            request(MEDIA_TYPE, "expired-token-abcdef123"),
            request(MEDIA_TYPE, "fresh-token-zyxwvu987"),
        );
        let first = exchange(&a, &answer(401, &[("WWW-Authenticate", EXPIRED)], ""));
        let second = exchange(&b, &answer(200, &JSON, r#"{"data":[]}"#));
        let v = verify(&a, &first, &b, &second).expect("compared");
        assert!(v.resolved);
        assert!(
            v.sentence.starts_with(
                "Authorization now carries a different credential, and the 401 is gone"
            ),
            "{}",
            v.sentence
        );
        assert!(!v.sentence.contains("token-"), "{}", v.sentence);
        assert!(v
            .fixed
            .iter()
            .any(|c| c.id == "401-unauthorized/token-expired"));
    }

    #[test]
    fn the_same_failure_again_holds_its_checks() {
        let a = request("application/json", "tok-1234567890");
        let mut b = a.clone();
        b.headers.push(("X-Trace".into(), "1".into()));
        let first = exchange(&a, &answer(406, &JSON, NOT_ACCEPTABLE));
        let second = exchange(&b, &answer(406, &JSON, NOT_ACCEPTABLE));
        let v = verify(&a, &first, &b, &second).expect("compared");
        assert!(!v.resolved && !v.different, "{v:?}");
        assert!(v.fixed.is_empty(), "{v:?}");
        assert!(
            v.holding
                .iter()
                .any(|c| c.id == "required-headers/wrong-accept"),
            "{v:?}"
        );
        assert!(
            v.sentence.starts_with(
                "X-Trace is now 1, but the call still fails with 406: the same problem"
            ),
            "{}",
            v.sentence
        );
    }

    #[test]
    fn nothing_to_verify_after_a_success_or_for_another_call() {
        let a = request(MEDIA_TYPE, "tok-1234567890");
        let ok = exchange(&a, &answer(200, &JSON, r#"{"data":[]}"#));
        assert!(verify(&a, &ok, &a, &ok).is_none());
        let failed = exchange(&a, &answer(406, &JSON, NOT_ACCEPTABLE));
        let mut other = a.clone();
        other.url = "https://api.scopestack.io/acme/v1/clients".into();
        assert!(verify(&a, &failed, &other, &ok).is_none());
        // The slug added or a query changed is still the same call.
        let mut slugless = a.clone();
        slugless.url = "https://api.scopestack.io/v1/projects?version=2".into();
        assert!(verify(&slugless, &failed, &a, &ok).is_some());
    }
}
