//! Signals: named facts derived from the evidence, each with a sentence that
//! quotes what proved it. The knowledge base refers to signals by id (which
//! sections they point to, which checks they confirm or rule out), so the
//! rules stay data and this folder is the only place that reads evidence.
//!
//! One family of signals per file, each a function from the evidence to
//! `Out`: `response` (status, OAuth answer, body, gateway), `detail` (the
//! words of error messages), `network`, `request` (method, headers, body),
//! `bearer` (the shape of an Authorization value, shared with the live
//! lint), `url` (host, slug, merge data), `token` (the token request),
//! `account` (whose record, whose token). `catalogue` lists every id; `out` holds
//! the signals found so far, each id once.

mod account;
mod bearer;
mod catalogue;
mod detail;
mod network;
mod out;
mod request;
mod response;
mod token;
mod url;

use super::evidence::Evidence;
use out::Out;

// The public names of the signals, and (from `api_facts` and `util`) the
// names other files called here before the split, where they live now.
pub use super::api_facts::{account_slug, media_type_ok, normalise_code, GRANTS, MEDIA_TYPE};
pub use super::util::quote::quote;
pub use super::util::url::{split_url, UrlParts};
pub use bearer::{bearer_shape, BearerShape};
pub use catalogue::{is_known, CATALOGUE};
pub use detail::attribute_of;
pub use out::Signal;

/// Derive every signal the evidence supports.
pub fn derive(ev: &Evidence) -> Vec<Signal> {
    let mut out = Out::default();
    response::response_signals(ev, &mut out);
    detail::error_detail_signals(ev, &mut out);
    network::network_signals(ev, &mut out);
    request::request_signals(ev, &mut out);
    url::url_signals(ev, &mut out);
    token::token_request_signals(ev, &mut out);
    account::account_signals(ev, &mut out);
    if let Some(platform) = ev.platform {
        out.add(
            format!("client:{platform}"),
            format!("The paste comes from {platform}."),
        );
    }
    out.0
}
