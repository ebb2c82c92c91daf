//! Live calls: the widget builds a request, this module lints it before it
//! is sent, turns the token form into the request to send, and diagnoses the
//! answer (or the failure) through the same evidence → signals → rules
//! pipeline a paste goes through. The widget only sends bytes and shows what
//! comes back; every rule about requests lives here.
//!
//! A live exchange is better evidence than a paste: the request is known in
//! full, so a header that is absent was really not sent. Secrets are known
//! too (the bearer token, client_secret, password, …), so besides the
//! pattern-based redaction every text that leaves this module is scrubbed of
//! those exact values.
//!
//! One job per file: `call` (what is sent and what came back), `form`
//! (the request builder's and token form's fields, and the request the
//! builder stands for), `origin` (the allow-list, and the one check a URL
//! passes before it is sent), `lint` (a request or the token form checked before it
//! is sent, its messages as data in `static/lint.json`), `token` (the form
//! POST the token form stands for), `exchange` (diagnosing a call), `shown` (the answer as the panel shows
//! it, masked),
//! `transcript` (the exchange as text), `curl` (the request as a command).
//! The known-secret scrubbing is `redact::known`.

mod call;
mod curl;
mod exchange;
mod form;
mod lint;
mod origin;
mod shown;
mod token;
mod transcript;

pub use super::api_facts::DEFAULT_ORIGINS;
pub use call::{FailureKind, HttpRequest, HttpResponse, Outcome, TokenRequest};
pub use curl::to_curl;
pub use exchange::{
    account_matters, answer_exchange, diagnose_exchange, diagnose_exchange_as, verify_exchange,
    Before,
};
pub use form::{
    build, call_fields, corrected, me_request, preset_of, token_fields, CallFields, CallForm,
    TokenField,
};
pub use lint::{
    confusable, lint, lint_for, lint_token, lint_token_for, Field, LintFinding, Severity,
};
pub use origin::{origin_allowed, refusal};
pub use shown::{Shown, SHOWN_BYTES};
pub use token::token_http_request;
