//! Messages that say no response arrived: browser CORS blocks (Chromium,
//! Firefox, Safari wording), fetch failures, `net::ERR_*` codes, Node and
//! Python socket errors, curl's notes, certificate errors.

use super::{rank, text, Collector, Format, NetworkFailure, Platform};

use Format::{CorsMessage, FetchError, NetworkMessage};
use NetworkFailure::{Aborted, Cors, Dns, FetchFailed, Offline, Refused, Timeout, Tls};

/// Lower-case needles, the failure each names, and the format it belongs to.
const NEEDLES: &[(&str, NetworkFailure, Format)] = &[
    ("blocked by cors policy", Cors, CorsMessage),
    ("cross-origin request blocked", Cors, CorsMessage),
    (
        "not allowed by access-control-allow-origin",
        Cors,
        CorsMessage,
    ),
    ("due to access control checks", Cors, CorsMessage),
    ("no 'access-control-allow-origin' header", Cors, CorsMessage),
    ("cors header", Cors, CorsMessage),
    ("cors error", Cors, CorsMessage),
    ("err_name_not_resolved", Dns, NetworkMessage),
    ("enotfound", Dns, NetworkMessage),
    ("getaddrinfo", Dns, NetworkMessage),
    ("eai_again", Dns, NetworkMessage),
    ("could not resolve host", Dns, NetworkMessage),
    ("name or service not known", Dns, NetworkMessage),
    ("nodename nor servname", Dns, NetworkMessage),
    ("failed to resolve", Dns, NetworkMessage),
    ("nameresolutionerror", Dns, NetworkMessage),
    ("temporary failure in name resolution", Dns, NetworkMessage),
    ("no such host", Dns, NetworkMessage),
    ("hostname could not be found", Dns, NetworkMessage),
    ("dns_probe_finished", Dns, NetworkMessage),
    ("err_internet_disconnected", Offline, NetworkMessage),
    ("appears to be offline", Offline, NetworkMessage),
    ("network is unreachable", Offline, NetworkMessage),
    ("enetunreach", Offline, NetworkMessage),
    ("err_connection_refused", Refused, NetworkMessage),
    ("econnrefused", Refused, NetworkMessage),
    ("connection refused", Refused, NetworkMessage),
    ("couldn't connect to server", Refused, NetworkMessage),
    ("actively refused", Refused, NetworkMessage),
    ("err_cert_", Tls, NetworkMessage),
    ("certificate verify failed", Tls, NetworkMessage),
    ("certificate_verify_failed", Tls, NetworkMessage),
    ("ssl certificate problem", Tls, NetworkMessage),
    ("self signed certificate", Tls, NetworkMessage),
    ("self-signed certificate", Tls, NetworkMessage),
    (
        "unable to verify the first certificate",
        Tls,
        NetworkMessage,
    ),
    ("cert_has_expired", Tls, NetworkMessage),
    ("certificate has expired", Tls, NetworkMessage),
    ("unable_to_get_issuer_cert", Tls, NetworkMessage),
    (
        "unable to get local issuer certificate",
        Tls,
        NetworkMessage,
    ),
    ("err_ssl_", Tls, NetworkMessage),
    ("ssl_error_", Tls, NetworkMessage),
    ("sec_error_", Tls, NetworkMessage),
    ("sslerror", Tls, NetworkMessage),
    ("an ssl error has occurred", Tls, NetworkMessage),
    // .NET and Windows PowerShell.
    (
        "could not create ssl/tls secure channel",
        Tls,
        NetworkMessage,
    ),
    (
        "trust relationship for the ssl/tls secure channel",
        Tls,
        NetworkMessage,
    ),
    (
        "ssl connection could not be established",
        Tls,
        NetworkMessage,
    ),
    ("remote certificate is invalid", Tls, NetworkMessage),
    // Java, Go, OpenSSL, Node.
    ("pkix path building failed", Tls, NetworkMessage),
    ("sslhandshakeexception", Tls, NetworkMessage),
    ("tls: failed to verify certificate", Tls, NetworkMessage),
    ("x509: certificate", Tls, NetworkMessage),
    ("tls handshake timeout", Tls, NetworkMessage),
    ("ssl_connect", Tls, NetworkMessage),
    ("ssl_error_syscall", Tls, NetworkMessage),
    ("self_signed_cert_in_chain", Tls, NetworkMessage),
    ("depth_zero_self_signed_cert", Tls, NetworkMessage),
    ("err_tls_cert_altname_invalid", Tls, NetworkMessage),
    ("wrong version number", Tls, NetworkMessage),
    ("handshake failure", Tls, NetworkMessage),
    ("ssl peer certificate", Tls, NetworkMessage),
    ("sslv3 alert", Tls, NetworkMessage),
    ("tlsv1 alert", Tls, NetworkMessage),
    ("does not match certificate's altnames", Tls, NetworkMessage),
    (
        "no alternative certificate subject name",
        Tls,
        NetworkMessage,
    ),
    ("certificate is not trusted", Tls, NetworkMessage),
    ("sec_e_", Tls, NetworkMessage),
    ("crypt_e_", Tls, NetworkMessage),
    ("schannel:", Tls, NetworkMessage),
    ("etimedout", Timeout, NetworkMessage),
    ("esockettimedout", Timeout, NetworkMessage),
    ("readtimeout", Timeout, NetworkMessage),
    ("connecttimeout", Timeout, NetworkMessage),
    ("timed out", Timeout, NetworkMessage),
    ("err_timed_out", Timeout, NetworkMessage),
    ("timeout was reached", Timeout, NetworkMessage),
    ("ms exceeded", Timeout, NetworkMessage),
    ("timeouterror", Timeout, NetworkMessage),
    ("und_err_connect_timeout", Timeout, NetworkMessage),
    ("und_err_headers_timeout", Timeout, NetworkMessage),
    ("und_err_body_timeout", Timeout, NetworkMessage),
    ("aborterror", Aborted, NetworkMessage),
    ("user aborted", Aborted, NetworkMessage),
    ("signal is aborted", Aborted, NetworkMessage),
    ("operation was aborted", Aborted, NetworkMessage),
    ("err_aborted", Aborted, NetworkMessage),
    ("cancelederror", Aborted, NetworkMessage),
    ("(canceled)", Aborted, NetworkMessage),
    ("failed to fetch", FetchFailed, FetchError),
    (
        "networkerror when attempting to fetch",
        FetchFailed,
        FetchError,
    ),
    ("load failed", FetchFailed, FetchError),
    ("fetch failed", FetchFailed, FetchError),
    ("network request failed", FetchFailed, FetchError),
    ("network error", FetchFailed, NetworkMessage),
    ("err_network", FetchFailed, NetworkMessage),
    ("net::err_failed", FetchFailed, NetworkMessage),
    ("err_connection_reset", FetchFailed, NetworkMessage),
    ("err_empty_response", FetchFailed, NetworkMessage),
    ("econnreset", FetchFailed, NetworkMessage),
    ("socket hang up", FetchFailed, NetworkMessage),
    ("could not send request", FetchFailed, NetworkMessage),
    // A proxy between the client and the API failed the connection.
    ("proxyerror", FetchFailed, NetworkMessage),
    ("cannot connect to proxy", FetchFailed, NetworkMessage),
    ("tunnel connection failed", FetchFailed, NetworkMessage),
    ("proxy authentication required", FetchFailed, NetworkMessage),
];

/// The line of `region` around byte `pos`.
fn line_at(region: &str, pos: usize) -> &str {
    let start = region[..pos].rfind('\n').map_or(0, |i| i + 1);
    let end = region[pos..].find('\n').map_or(region.len(), |i| pos + i);
    region[start..end].trim()
}

/// Some needles are ordinary words too; these need the message's shape.
fn plausible(needle: &str, line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    match needle {
        "load failed" => line.len() <= 60 || lower.contains("typeerror"),
        "network error" => line.len() <= 200,
        "ms exceeded" => lower.contains("timeout of"),
        "timed out" => !lower.contains("gateway"),
        _ => true,
    }
}

/// The failure a short message names, with its format.
pub(crate) fn classify(msg: &str) -> Option<(NetworkFailure, Format)> {
    let lower = msg.to_ascii_lowercase();
    NEEDLES
        .iter()
        .filter(|(n, _, _)| {
            crate::engine::util::needle::find(&lower, n).is_some() && plausible(n, msg)
        })
        .max_by_key(|(_, k, _)| k.precedence())
        .map(|(_, k, f)| (*k, *f))
}

/// Look for network failures at the edges of the paste. When a real status
/// line was seen, a response arrived, so only a CORS block (which hides a
/// response from the page) still counts.
pub(crate) fn scan(text: &str, c: &mut Collector) {
    for region in text::edges(text) {
        scan_region(region, c);
    }
}

/// One message string (a platform's `message` field, an error's text).
pub(crate) fn scan_str(s: &str, c: &mut Collector) {
    scan_region(text::clip(s, super::HEAD_SCAN), c);
}

fn scan_region(region: &str, c: &mut Collector) {
    let answered = c.status_rank() >= rank::WIRE;
    let lower = region.to_ascii_lowercase();
    for &(needle, kind, format) in NEEDLES {
        if answered && kind != Cors {
            continue;
        }
        let Some(pos) = crate::engine::util::needle::find(&lower, needle) else {
            continue;
        };
        let line = line_at(region, pos);
        if !plausible(needle, line) {
            continue;
        }
        c.network(kind, line);
        if c.ev.network != Some(kind) {
            // A lesser symptom of the failure already named (Chromium's
            // "Failed to fetch" after its CORS message).
            continue;
        }
        c.format(format);
        if matches!(format, CorsMessage | FetchError) && needle != "fetch failed"
            || needle.starts_with("err_")
            || needle.starts_with("net::")
        {
            c.platform(Platform::Browser);
        }
        if kind == Cors {
            cors_details(line, c);
        }
    }
}

/// The URL a CORS message names, and the status Firefox and Safari add.
fn cors_details(line: &str, c: &mut Collector) {
    let lower = line.to_ascii_lowercase();
    for marker in [" at '", "resource at ", "cannot load "] {
        if let Some(p) = lower.find(marker) {
            let rest = &line[p + marker.len()..];
            if let Some(url) = text::urls(rest).next() {
                c.url(url);
                break;
            }
        }
    }
    if let Some(p) = lower.find("status code: ") {
        let rest = &line[p + "status code: ".len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(code) = digits.parse::<u16>() {
            c.status(code, Some(&format!("Status code: {code}")), rank::WIRE);
        }
    }
}
