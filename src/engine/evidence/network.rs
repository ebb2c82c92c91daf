//! Messages that say no response arrived: browser CORS blocks (Chromium,
//! Firefox, Safari wording), fetch failures, `net::ERR_*` codes, Node and
//! Python socket errors, curl's notes, certificate errors.

use super::{rank, text, Collector, NetworkFailure};

use NetworkFailure::{Aborted, Cors, Dns, FetchFailed, Offline, Refused, Timeout, Tls};

/// Lower-case needles, the failure each names, and the format it belongs to.
const NEEDLES: &[(&str, NetworkFailure, &str)] = &[
    ("blocked by cors policy", Cors, "cors-message"),
    ("cross-origin request blocked", Cors, "cors-message"),
    (
        "not allowed by access-control-allow-origin",
        Cors,
        "cors-message",
    ),
    ("due to access control checks", Cors, "cors-message"),
    (
        "no 'access-control-allow-origin' header",
        Cors,
        "cors-message",
    ),
    ("cors header", Cors, "cors-message"),
    ("cors error", Cors, "cors-message"),
    ("err_name_not_resolved", Dns, "network-message"),
    ("enotfound", Dns, "network-message"),
    ("getaddrinfo", Dns, "network-message"),
    ("eai_again", Dns, "network-message"),
    ("could not resolve host", Dns, "network-message"),
    ("name or service not known", Dns, "network-message"),
    ("nodename nor servname", Dns, "network-message"),
    ("failed to resolve", Dns, "network-message"),
    ("nameresolutionerror", Dns, "network-message"),
    (
        "temporary failure in name resolution",
        Dns,
        "network-message",
    ),
    ("no such host", Dns, "network-message"),
    ("hostname could not be found", Dns, "network-message"),
    ("dns_probe_finished", Dns, "network-message"),
    ("err_internet_disconnected", Offline, "network-message"),
    ("appears to be offline", Offline, "network-message"),
    ("network is unreachable", Offline, "network-message"),
    ("enetunreach", Offline, "network-message"),
    ("err_connection_refused", Refused, "network-message"),
    ("econnrefused", Refused, "network-message"),
    ("connection refused", Refused, "network-message"),
    ("couldn't connect to server", Refused, "network-message"),
    ("actively refused", Refused, "network-message"),
    ("err_cert_", Tls, "network-message"),
    ("certificate verify failed", Tls, "network-message"),
    ("certificate_verify_failed", Tls, "network-message"),
    ("ssl certificate problem", Tls, "network-message"),
    ("self signed certificate", Tls, "network-message"),
    ("self-signed certificate", Tls, "network-message"),
    (
        "unable to verify the first certificate",
        Tls,
        "network-message",
    ),
    ("cert_has_expired", Tls, "network-message"),
    ("certificate has expired", Tls, "network-message"),
    ("unable_to_get_issuer_cert", Tls, "network-message"),
    (
        "unable to get local issuer certificate",
        Tls,
        "network-message",
    ),
    ("err_ssl_", Tls, "network-message"),
    ("ssl_error_", Tls, "network-message"),
    ("sec_error_", Tls, "network-message"),
    ("sslerror", Tls, "network-message"),
    ("an ssl error has occurred", Tls, "network-message"),
    // .NET and Windows PowerShell.
    (
        "could not create ssl/tls secure channel",
        Tls,
        "network-message",
    ),
    (
        "trust relationship for the ssl/tls secure channel",
        Tls,
        "network-message",
    ),
    (
        "ssl connection could not be established",
        Tls,
        "network-message",
    ),
    ("remote certificate is invalid", Tls, "network-message"),
    // Java, Go, OpenSSL, Node.
    ("pkix path building failed", Tls, "network-message"),
    ("sslhandshakeexception", Tls, "network-message"),
    ("tls: failed to verify certificate", Tls, "network-message"),
    ("x509: certificate", Tls, "network-message"),
    ("tls handshake timeout", Tls, "network-message"),
    ("ssl_connect", Tls, "network-message"),
    ("ssl_error_syscall", Tls, "network-message"),
    ("self_signed_cert_in_chain", Tls, "network-message"),
    ("depth_zero_self_signed_cert", Tls, "network-message"),
    ("err_tls_cert_altname_invalid", Tls, "network-message"),
    ("wrong version number", Tls, "network-message"),
    ("handshake failure", Tls, "network-message"),
    ("ssl peer certificate", Tls, "network-message"),
    ("sslv3 alert", Tls, "network-message"),
    ("tlsv1 alert", Tls, "network-message"),
    (
        "does not match certificate's altnames",
        Tls,
        "network-message",
    ),
    (
        "no alternative certificate subject name",
        Tls,
        "network-message",
    ),
    ("certificate is not trusted", Tls, "network-message"),
    ("sec_e_", Tls, "network-message"),
    ("crypt_e_", Tls, "network-message"),
    ("schannel:", Tls, "network-message"),
    ("etimedout", Timeout, "network-message"),
    ("esockettimedout", Timeout, "network-message"),
    ("readtimeout", Timeout, "network-message"),
    ("connecttimeout", Timeout, "network-message"),
    ("timed out", Timeout, "network-message"),
    ("err_timed_out", Timeout, "network-message"),
    ("timeout was reached", Timeout, "network-message"),
    ("ms exceeded", Timeout, "network-message"),
    ("timeouterror", Timeout, "network-message"),
    ("und_err_connect_timeout", Timeout, "network-message"),
    ("und_err_headers_timeout", Timeout, "network-message"),
    ("und_err_body_timeout", Timeout, "network-message"),
    ("aborterror", Aborted, "network-message"),
    ("user aborted", Aborted, "network-message"),
    ("signal is aborted", Aborted, "network-message"),
    ("operation was aborted", Aborted, "network-message"),
    ("err_aborted", Aborted, "network-message"),
    ("cancelederror", Aborted, "network-message"),
    ("(canceled)", Aborted, "network-message"),
    ("failed to fetch", FetchFailed, "fetch-error"),
    (
        "networkerror when attempting to fetch",
        FetchFailed,
        "fetch-error",
    ),
    ("load failed", FetchFailed, "fetch-error"),
    ("fetch failed", FetchFailed, "fetch-error"),
    ("network request failed", FetchFailed, "fetch-error"),
    ("network error", FetchFailed, "network-message"),
    ("err_network", FetchFailed, "network-message"),
    ("net::err_failed", FetchFailed, "network-message"),
    ("err_connection_reset", FetchFailed, "network-message"),
    ("err_empty_response", FetchFailed, "network-message"),
    ("econnreset", FetchFailed, "network-message"),
    ("socket hang up", FetchFailed, "network-message"),
    ("could not send request", FetchFailed, "network-message"),
    // A proxy between the client and the API failed the connection.
    ("proxyerror", FetchFailed, "network-message"),
    ("cannot connect to proxy", FetchFailed, "network-message"),
    ("tunnel connection failed", FetchFailed, "network-message"),
    (
        "proxy authentication required",
        FetchFailed,
        "network-message",
    ),
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
pub(crate) fn classify(msg: &str) -> Option<(NetworkFailure, &'static str)> {
    let lower = msg.to_ascii_lowercase();
    NEEDLES
        .iter()
        .filter(|(n, _, _)| lower.contains(n) && plausible(n, msg))
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
        let Some(pos) = lower.find(needle) else {
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
        if matches!(format, "cors-message" | "fetch-error") && needle != "fetch failed"
            || needle.starts_with("err_")
            || needle.starts_with("net::")
        {
            c.client("browser");
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
