//! What client libraries print: Python tracebacks and `requests`/`httpx`/
//! `urllib` exceptions, axios errors (the one-line message and the dumped
//! error object), browser console request lines, and Ruby's `oauth2` gem,
//! Faraday and RestClient errors.

use super::json_value::{
    self as json, body_json, headers_of, is_oauth_code, status_field, str_field,
};
use super::{network, rank, text, Collector, Format, Platform};
use serde_json::Value;

/// Lines longer than this are bodies, not messages.
const MAX_LINE: usize = 4000;

pub(crate) fn scan(text: &str, c: &mut Collector) {
    for region in text::edges(text) {
        for (_, line) in text::lines(region) {
            let t = line.trim();
            if t.is_empty() || t.len() > MAX_LINE {
                continue;
            }
            python_line(t, c);
            axios_line(t, c);
            console_line(t, c);
            ruby_line(t, c);
            other_client_line(t, c);
            zapier_line(t, c);
        }
    }
}

fn python(c: &mut Collector) {
    c.format(Format::PythonTraceback);
    c.platform(Platform::Python);
}

/// The three digits ending `s` (before trailing spaces), as a status.
fn trailing_status(s: &str) -> Option<(u16, usize)> {
    let s = s.trim_end();
    let start = s.len().checked_sub(3)?;
    let code = text::three_digit_status(s.get(start..)?)?;
    let before = s[..start].chars().next_back();
    before
        .is_none_or(|ch| !ch.is_ascii_alphanumeric())
        .then_some((code, start))
}

/// A status at the start of `rest`, closed by `close` (`401]>`, `401:`).
fn status_closed_by(rest: &str, close: &str) -> Option<u16> {
    let code = rest.get(..3)?.parse::<u16>().ok()?;
    ((100..=599).contains(&code) && rest.get(3..)?.starts_with(close)).then_some(code)
}

fn python_line(t: &str, c: &mut Collector) {
    if t.starts_with("Traceback (most recent call last)") {
        python(c);
        return;
    }
    // print(response): "<Response [401]>"
    if let Some(p) = t.find("<Response [") {
        if let Some(code) = status_closed_by(&t[p + "<Response [".len()..], "]>") {
            c.platform(Platform::Python);
            c.status(code, Some(&t[p..p + 16]), rank::WIRE);
            return;
        }
    }
    // requests: "401 Client Error: Unauthorized for url: https://…"
    for kind in [" Client Error: ", " Server Error: "] {
        let Some(p) = t.find(kind) else { continue };
        let Some((code, start)) = trailing_status(&t[..p]) else {
            continue;
        };
        python(c);
        let rest = &t[start..];
        let (line, url) = match rest.find(" for url: ") {
            Some(u) => (&rest[..u], Some(&rest[u + " for url: ".len()..])),
            None => (rest, None),
        };
        c.status(code, Some(line), rank::WIRE);
        if let Some(u) = url.and_then(|u| text::urls(u).next()) {
            c.url(u);
        }
        return;
    }
    // urllib: "HTTPError: HTTP Error 401: Unauthorized"
    if let Some(p) = t.find("HTTP Error ") {
        if let Some(code) = status_closed_by(&t[p + "HTTP Error ".len()..], ":") {
            python(c);
            c.status(code, Some(&t[p..]), rank::WIRE);
            return;
        }
    }
    // httpx: "Client error '401 Unauthorized' for url 'https://…'"
    for kind in ["Client error '", "Server error '"] {
        let Some(p) = t.find(kind) else { continue };
        let rest = &t[p + kind.len()..];
        if let Some(code) = text::three_digit_status(rest) {
            python(c);
            let line = rest.split('\'').next().unwrap_or(rest);
            c.status(code, Some(line), rank::WIRE);
            if let Some(u) = text::urls(rest).next() {
                c.url(u);
            }
            return;
        }
    }
    // urllib3 pools: "HTTPSConnectionPool(host='api.scopestack.io', port=443):
    // Max retries exceeded with url: /acme/v1/me (Caused by …)"
    if let Some(p) = t.find("ConnectionPool(host='") {
        python(c);
        let scheme = if t[..p].ends_with("HTTPS") {
            "https"
        } else {
            "http"
        };
        let rest = &t[p + "ConnectionPool(host='".len()..];
        let host = rest.split('\'').next().unwrap_or_default();
        if let Some(u) = t.find("with url: ") {
            let path = t[u + "with url: ".len()..]
                .split_whitespace()
                .next()
                .unwrap_or_default();
            if path.starts_with('/') && !host.is_empty() {
                c.url(&format!("{scheme}://{host}{path}"));
            }
        }
        return;
    }
    if t.contains("requests.exceptions.") || t.contains("urllib3.exceptions.") {
        python(c);
    }
    // requests-oauthlib: "InvalidGrantError: (invalid_grant) The provided …"
    if let Some(p) = t.find("Error: (") {
        let rest = &t[p + "Error: (".len()..];
        if let Some((code, desc)) = rest.split_once(')') {
            if is_oauth_code(code) {
                python(c);
                c.oauth(code, Some(desc.trim()), rank::BODY);
            }
        }
    }
}

const REQUEST_FAILED: &str = "Request failed with status code ";

fn axios_line(t: &str, c: &mut Collector) {
    let named = t.contains("AxiosError");
    if let Some(p) = t.find(REQUEST_FAILED) {
        let rest = &t[p + REQUEST_FAILED.len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(code) = digits.parse::<u16>() {
            c.format(Format::Axios);
            c.platform(Platform::Axios);
            c.status(code, Some(&format!("{REQUEST_FAILED}{code}")), rank::WIRE);
            return;
        }
    }
    if named {
        c.format(Format::Axios);
        c.platform(Platform::Axios);
    }
}

/// Browser console request lines: `GET https://… 401 (Unauthorized)`,
/// `POST https://… net::ERR_FAILED 401`.
fn console_line(t: &str, c: &mut Collector) {
    let words: Vec<&str> = t.split_whitespace().take(12).collect();
    let Some(k) = words.iter().position(|w| text::is_method(w)) else {
        return;
    };
    let Some(url) = words
        .get(k + 1)
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
    else {
        return;
    };
    let mut rest = &words[k + 2..];
    let mut net_error = false;
    if rest.first().is_some_and(|w| w.starts_with("net::ERR_")) {
        net_error = true;
        rest = &rest[1..];
    }
    let status = rest.first().and_then(|w| text::three_digit_status(w));
    let reason_ok = rest.get(1).is_none_or(|w| w.starts_with('('));
    match status {
        Some(code) if reason_ok => {
            c.method(words[k]);
            c.url(url);
            c.status(code, Some(&rest.join(" ")), rank::WIRE);
            c.format(Format::FetchError);
            c.platform(Platform::Browser);
        }
        _ if net_error => {
            c.method(words[k]);
            c.url(url);
        }
        _ => {}
    }
}

fn ruby(c: &mut Collector) {
    c.format(Format::Oauth2Gem);
    c.platform(Platform::Ruby);
}

fn ruby_line(t: &str, c: &mut Collector) {
    // oauth2 gem: "OAuth2::Error: invalid_grant: The provided … {json}", also
    // printed as "…: invalid_grant: The provided … (OAuth2::Error)".
    let gem = t.contains("OAuth2::Error");
    let body = t
        .strip_prefix("OAuth2::Error:")
        .map(str::trim_start)
        .unwrap_or(t);
    let segs: Vec<&str> = body.splitn(8, ": ").collect();
    for (i, seg) in segs.iter().enumerate() {
        // Without the class name, only a line that starts with the code.
        if i > 0 && !gem {
            break;
        }
        let code = seg.trim();
        if i + 1 < segs.len() && super::prose::OAUTH_CODES.contains(&code) {
            let rest = segs[i + 1..].join(": ");
            let desc = rest.split('{').next().unwrap_or_default();
            let desc = desc.trim().trim_end_matches("(OAuth2::Error)").trim();
            ruby(c);
            c.oauth(code, (!desc.is_empty()).then_some(desc), rank::BODY);
            return;
        }
    }
    if gem {
        ruby(c);
    }
    // Faraday / RestClient: "Faraday::UnauthorizedError: the server responded
    // with status 401", "RestClient::Unauthorized: 401 Unauthorized".
    if t.contains("Faraday::") || t.contains("RestClient::") {
        c.platform(Platform::Ruby);
        let after = t.split_once(": ").map_or(t, |(_, r)| r);
        let code = after
            .find("status ")
            .and_then(|p| text::three_digit_status(after[p + 7..].trim_end_matches(['.', ')'])))
            .or_else(|| text::three_digit_status(after));
        if let Some(code) = code {
            c.status(code, Some(after), rank::WIRE);
        }
    }
}

/// Status lines other HTTP clients print: .NET's "Response status code does
/// not indicate success: 401 (Unauthorized).", Java's "Server returned HTTP
/// response code: 401 for URL: …", PHP Guzzle's "`POST https://…` resulted in
/// a `422 Unprocessable Entity` response", Ruby's `#<Net::HTTPUnauthorized 401
/// Unauthorized readbody=true>`.
fn other_client_line(t: &str, c: &mut Collector) {
    const DOTNET: &str = "does not indicate success: ";
    const JAVA: &str = "Server returned HTTP response code: ";
    const GUZZLE: &str = "resulted in a `";
    if let Some(p) = t.find(DOTNET) {
        let rest = &t[p + DOTNET.len()..];
        if let Some(code) = text::three_digit_status(rest) {
            c.status(code, Some(rest.trim_end_matches('.')), rank::WIRE);
        }
    } else if let Some(p) = t.find(JAVA) {
        let rest = &t[p + JAVA.len()..];
        if let Some(code) = text::three_digit_status(rest) {
            c.status(code, Some(&t[p..]), rank::WIRE);
            if let Some(u) = text::urls(rest).next() {
                c.url(u);
            }
        }
    } else if let Some(p) = t.find(GUZZLE) {
        let rest = &t[p + GUZZLE.len()..];
        if let Some(code) = text::three_digit_status(rest) {
            let line = rest.split('`').next().unwrap_or(rest);
            c.status(code, Some(line), rank::WIRE);
            // "`POST https://…` resulted in": the request before it.
            let before = t[..p].trim_end().trim_end_matches('`');
            if let Some(q) = before.rfind('`') {
                if let Some(rl) = text::request_line(&before[q + 1..]) {
                    c.method(rl.method);
                    c.url(rl.target);
                }
            }
        }
    } else if let Some(p) = t.find("#<Net::HTTP") {
        let rest = &t[p + "#<Net::HTTP".len()..];
        let after_class = rest.split_once(' ').map_or("", |(_, r)| r);
        if let Some(code) = text::three_digit_status(after_class) {
            c.platform(Platform::Ruby);
            let line = after_class.split(" readbody").next().unwrap_or(after_class);
            c.status(code, Some(line.trim_end_matches('>')), rank::WIRE);
        }
    }
}

/// Zapier's task history: `The app returned "name - has already been
/// taken".` quotes the API's error message.
fn zapier_line(t: &str, c: &mut Collector) {
    const SAID: &str = "The app returned \"";
    let Some(p) = t.find(SAID) else { return };
    let rest = &t[p + SAID.len()..];
    let Some(end) = rest.rfind('"') else { return };
    let message = rest[..end].trim();
    c.format(Format::Zapier);
    c.platform(Platform::Zapier);
    if !message.is_empty() && c.ev.errors.is_empty() {
        c.ev.errors.push(super::ApiError {
            detail: Some(message.to_string()),
            ..super::ApiError::default()
        });
    }
}

/// A fetch `Response` as consoles print it: `Response { status: 401,
/// statusText: 'Unauthorized', url: 'https://…', ok: false, … }`.
pub(crate) fn fetch_response_value(v: &Value, c: &mut Collector) -> bool {
    let Some(code) = status_field(v, &["status"]) else {
        return false;
    };
    let reason = str_field(v, &["statusText"]);
    let url = str_field(v, &["url"]);
    let shaped = v.get("ok").is_some_and(Value::is_boolean) || reason.is_some();
    if !shaped || url.is_none() && reason.is_none() {
        return false;
    }
    let line = match reason {
        Some(r) if !r.is_empty() => format!("{code} {r}"),
        _ => code.to_string(),
    };
    c.status(code, Some(&line), rank::WIRE);
    if let Some(u) = url {
        c.url(u);
    }
    c.format(Format::FetchError);
    true
}

/// An axios error as an object: `error.toJSON()`, or Node's dump of it
/// (rewritten to JSON by `literal`): `config`, `response.status`,
/// `response.data`.
pub(crate) fn axios_value(v: &Value, c: &mut Collector) -> bool {
    let Some(obj) = v.as_object() else {
        return false;
    };
    let named = obj.get("name").and_then(Value::as_str) == Some("AxiosError")
        || obj.get("isAxiosError") == Some(&Value::Bool(true));
    let response = obj.get("response").filter(|r| r.is_object());
    let config = obj
        .get("config")
        .or_else(|| response.and_then(|r| r.get("config")))
        .filter(|cf| cf.get("url").is_some() || cf.get("method").is_some());
    if !named && !(config.is_some() && (response.is_some() || obj.contains_key("code"))) {
        return false;
    }
    c.format(Format::Axios);
    c.platform(Platform::Axios);
    if let Some(cf) = config {
        if let Some(m) = str_field(cf, &["method"]) {
            c.method(m);
        }
        if let Some(u) = str_field(cf, &["url"]) {
            let base = str_field(cf, &["baseURL"]).unwrap_or_default();
            if u.starts_with("http") || base.is_empty() {
                c.url(u);
            } else {
                c.url(&format!(
                    "{}/{}",
                    base.trim_end_matches('/'),
                    u.trim_start_matches('/')
                ));
            }
        }
        c.request_headers(headers_of(cf.get("headers")));
        match cf.get("data") {
            Some(Value::String(s)) => c.request_body(s),
            Some(d @ Value::Object(_)) => {
                c.request_params(json::flatten(d));
                c.request_body(&d.to_string());
            }
            _ => {}
        }
    }
    if let Some(r) = response {
        if let Some(code) = status_field(r, &["status"]) {
            let line = match str_field(r, &["statusText"]) {
                Some(reason) if !reason.is_empty() => format!("{code} {reason}"),
                _ => code.to_string(),
            };
            c.status(code, Some(&line), rank::WIRE);
        }
        c.response_headers(headers_of(r.get("headers")));
        if let Some(data) = r.get("data") {
            body_json(data, c);
        }
    }
    if let Some(code) = status_field(v, &["status"]) {
        c.status(code, None, rank::WIRE);
    }
    let message = str_field(v, &["message"]).unwrap_or_default();
    if let Some(p) = message.find(REQUEST_FAILED) {
        if let Some(code) = text::three_digit_status(&message[p + REQUEST_FAILED.len()..]) {
            c.status(code, Some(message), rank::WIRE);
        }
    }
    let code = str_field(v, &["code"]).unwrap_or_default();
    let said = format!("{code} {message}");
    if let Some((kind, _)) = network::classify(&said) {
        c.network(kind, said.trim());
    }
    true
}
