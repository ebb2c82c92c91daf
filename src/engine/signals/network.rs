//! A call that got no answer: which way it failed.

use super::out::Out;
use crate::engine::evidence::{Evidence, NetworkFailure};
use crate::engine::util::quote::quote;

pub(super) fn network_signals(ev: &Evidence, out: &mut Out) {
    let Some(failure) = ev.network else { return };
    let msg = ev
        .network_message
        .as_deref()
        .map(quote)
        .unwrap_or_else(|| "no response arrived".into());
    let why = format!("The client reports “{msg}”.");
    let id = match failure {
        NetworkFailure::Cors => "network:cors",
        NetworkFailure::FetchFailed => "network:fetch-failed",
        NetworkFailure::Dns => "network:dns",
        NetworkFailure::Refused => "network:refused",
        NetworkFailure::Timeout => "network:timeout",
        NetworkFailure::Offline => "network:offline",
        NetworkFailure::Aborted => "network:aborted",
        NetworkFailure::Tls => "network:tls",
    };
    out.add(id, why);
}
