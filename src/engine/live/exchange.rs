//! A live exchange diagnosed: evidence built from what is known (the request
//! in full, the status from the wire), then the same signals and rules as a
//! paste, and every known secret scrubbed from the answer. A call sent
//! again after a change is compared with the one before (`verify_exchange`).

use super::call::{FailureKind, HttpRequest, Outcome};
use super::shown::{show, Shown};
use super::transcript::{failure_message, status_line, transcript};
use crate::engine::diagnosis::Diagnosis;
use crate::engine::evidence::{self, rank, Collector, Evidence, Format, NetworkFailure};
use crate::engine::knowledge_base;
use crate::engine::redact::known::{known_secrets, scrub_diagnosis, Known};
use crate::engine::rules;
use crate::engine::signals;
use crate::engine::verify::{verify, Verification};

/// Diagnose one live exchange: the request as sent and what came back.
pub fn diagnose_exchange(req: &HttpRequest, outcome: &Outcome) -> Diagnosis {
    diagnose_exchange_as(req, outcome, None)
}

/// True when the diagnosis turns on whose token this is (a 403 or 404:
/// another account, a role without rights, another account's record), so
/// the panel should ask `GET /v1/me` with the same token first.
pub fn account_matters(outcome: &Outcome) -> bool {
    matches!(outcome, Outcome::Response(r) if r.status == 403 || r.status == 404)
}

/// [`diagnose_exchange`] knowing which account the token belongs to (the
/// `account-slug` of `GET /v1/me` with the same token): what tells a token of
/// another account from a role without rights, which a response alone
/// cannot.
pub fn diagnose_exchange_as(
    req: &HttpRequest,
    outcome: &Outcome,
    token_account: Option<&str>,
) -> Diagnosis {
    answer_exchange(req, outcome, token_account).0
}

/// [`diagnose_exchange_as`], and the answer as the panel shows it: masked
/// as a paste and scrubbed of the same known secrets as the diagnosis.
pub fn answer_exchange(
    req: &HttpRequest,
    outcome: &Outcome,
    token_account: Option<&str>,
) -> (Diagnosis, Shown) {
    let mut ev = exchange_evidence(req, outcome);
    ev.token_account = token_account
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let mut signals = signals::derive(&ev);
    signals.extend(crate::engine::rate_limit::signals(&ev, ""));
    let transcript = transcript(req, outcome);
    let mut diagnosis = rules::decide(knowledge_base(), &ev, &signals, &transcript);
    let known = known_secrets(&req.headers, req.body.as_deref(), &req.url, &ev);
    if !known.is_empty() {
        scrub_diagnosis(&mut diagnosis, &known);
    }
    (diagnosis, show(outcome, &known))
}

/// The exact secrets a call carried.
fn known_of(req: &HttpRequest, outcome: &Outcome) -> Known {
    let ev = exchange_evidence(req, outcome);
    known_secrets(&req.headers, req.body.as_deref(), &req.url, &ev)
}

/// The call sent before, to compare with the one just answered: its
/// request, what came back, and the token's account if it was asked.
pub struct Before<'a> {
    pub request: &'a HttpRequest,
    pub outcome: &'a Outcome,
    pub token_account: Option<&'a str>,
}

/// What the change from `before` to this call (`req`, `outcome`, already
/// diagnosed as `after`) did ([`verify::verify`]), its sentence sealed with
/// the secrets of both calls; `None` when there is nothing to compare.
pub fn verify_exchange(
    before: &Before,
    req: &HttpRequest,
    outcome: &Outcome,
    after: &Diagnosis,
) -> Option<Verification> {
    let (first, _) = answer_exchange(before.request, before.outcome, before.token_account);
    let mut v = verify(before.request, &first, req, after)?;
    let (a, b) = (
        known_of(before.request, before.outcome),
        known_of(req, outcome),
    );
    v.sentence = b.clean(&a.clean(&v.sentence));
    Some(v)
}

fn network_failure(kind: FailureKind) -> NetworkFailure {
    match kind {
        FailureKind::Cors => NetworkFailure::Cors,
        FailureKind::Offline => NetworkFailure::Offline,
        FailureKind::Dns => NetworkFailure::Dns,
        FailureKind::Refused => NetworkFailure::Refused,
        FailureKind::Timeout => NetworkFailure::Timeout,
        // Stopped before it left, like a request the caller aborted; the
        // message says why and the URL's host is judged as in any request.
        FailureKind::Aborted | FailureKind::NotAllowed => NetworkFailure::Aborted,
        FailureKind::Unknown => NetworkFailure::FetchFailed,
    }
}

/// The evidence of a request about to be sent: what the lint judges.
pub(super) fn request_evidence(req: &HttpRequest) -> Evidence {
    request_collector(req).ev
}

/// The request side of the evidence, built from what is known rather than
/// recognised: every request header is known, so `headers_seen` holds.
fn request_collector(req: &HttpRequest) -> Collector {
    let mut c = Collector::default();
    c.method(&req.method);
    c.url(&req.url);
    c.request_headers(req.headers.clone());
    c.ev.request.headers_seen = true;
    if let Some(body) = &req.body {
        c.request_body(body);
    }
    c
}

/// The evidence of an exchange, built from what is known rather than
/// recognised: every request header is known, so `headers_seen` holds.
fn exchange_evidence(req: &HttpRequest, outcome: &Outcome) -> Evidence {
    let mut c = request_collector(req);
    match outcome {
        Outcome::Response(r) => {
            c.format(Format::HttpResponse);
            c.status(r.status, Some(&status_line(r)), rank::WIRE);
            c.response_headers(r.headers.clone());
            response_body(&r.body, &mut c);
        }
        Outcome::Failure { kind, message } => {
            c.network(network_failure(*kind), &failure_message(*kind, message));
        }
    }
    c.ev
}

/// Read the body as a pasted body is read (JSON:API errors, OAuth JSON,
/// gateway pages), keeping only what a body can tell: the wire already gave
/// the status, and a response that arrived is no network failure.
fn response_body(body: &str, c: &mut Collector) {
    let b = body.trim();
    if b.is_empty() {
        c.ev.empty_body = true;
        c.body_seen = true;
        return;
    }
    let read = evidence::gather(b);
    for f in read.formats {
        c.format(f);
    }
    if let Some(err) = &read.oauth_error {
        c.oauth(err, read.oauth_description.as_deref(), rank::BODY);
    }
    c.ev.errors = read.errors;
    c.ev.gateway = read.gateway;
    c.ev.body = Some(b.to_string());
    c.body_seen = true;
}
