//! Error pages from what stands in front of the API: nginx and AWS ALB
//! (`<title>504 Gateway Time-out</title>`), Heroku's "Application Error"
//! (and its router's `code=H12 desc="Request timeout"` log line), Cloudflare
//! (`524: A timeout occurred`, `Error 522`, plain `error code: 524`) and
//! CloudFront (`504 ERROR The request could not be satisfied`). The status
//! comes from the page, the vendor from its wording or the `Server` header.

use super::{rank, text, Collector, Format};

/// The first status (100..=599) in `s` standing alone as a number.
fn first_status(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let before_ok = start == 0 || !b[start - 1].is_ascii_alphanumeric();
            if i - start == 3 && before_ok && (i == b.len() || !b[i].is_ascii_alphanumeric()) {
                if let Some(code) = s[start..i].parse().ok().filter(|c| (100..=599).contains(c)) {
                    return Some(code);
                }
            }
            continue;
        }
        i += 1;
    }
    None
}

/// Text between `<tag…>` and `</tag`, found on the lower-cased copy (same
/// byte offsets) and cut from the original.
fn element<'a>(head: &'a str, lower: &str, tag: &str) -> Option<&'a str> {
    let open = lower.find(&format!("<{tag}"))?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find(&format!("</{tag}"))?;
    Some(head[start..end].trim())
}

/// Recognise a gateway page (or message) in `body`; true when one was found.
pub(crate) fn page(body: &str, c: &mut Collector) -> bool {
    let head = text::clip(body, super::HEAD_SCAN);
    let lower = head.to_ascii_lowercase();
    let server =
        c.ev.response_header("server")
            .unwrap_or_default()
            .to_ascii_lowercase();
    let html = lower.contains("<html")
        || lower.contains("<!doctype html")
        || lower.contains("<title")
        || lower.contains("<h1");
    let title = element(head, &lower, "title").map(|t| text::snippet(t, 120));
    let h1 = element(head, &lower, "h1").map(|t| text::snippet(t, 120));

    let (vendor, status, line): (&str, Option<u16>, Option<String>) = if server
        .contains("cloudflare")
        || lower.contains("cloudflare")
        || lower.contains("error code: 52")
    {
        let from_title = title.as_deref().and_then(|t| {
            let part = t.rsplit('|').next().unwrap_or(t).trim();
            first_status(part).map(|s| (s, part.to_string()))
        });
        let from_code = ["error code: ", "error code ", "error "]
            .iter()
            .find_map(|m| {
                let p = lower.find(m)?;
                let after = text::clip(lower.get(p + m.len()..)?, 4);
                let code = first_status(after)
                    .filter(|_| after.starts_with(|c: char| c.is_ascii_digit()))?;
                Some((code, format!("Error {code}")))
            });
        match from_title.or(from_code) {
            Some((code, l)) => ("cloudflare", Some(code), Some(l)),
            None => return false,
        }
    } else if lower.contains("could not be satisfied")
        && (lower.contains("cloudfront") || server.contains("cloudfront"))
    {
        let code = h1
            .as_deref()
            .and_then(first_status)
            .or_else(|| first_status(&lower));
        let l = match (&h1, code) {
            (Some(h), _) => format!("{h} The request could not be satisfied"),
            (None, Some(code)) => format!("{code} ERROR The request could not be satisfied"),
            (None, None) => "The request could not be satisfied".to_string(),
        };
        ("cloudfront", code, Some(l))
    } else if let Some(p) = lower.find("at=error code=h") {
        // Heroku's router log: at=error code=H12 desc="Request timeout" … status=503
        let line = head[p..].lines().next().unwrap_or_default();
        let l = line.to_ascii_lowercase();
        let code = l
            .find("status=")
            .and_then(|s| line.get(s + 7..s + 10))
            .and_then(|d| d.parse().ok())
            .unwrap_or(503);
        let hcode = line.get(15..).map(heroku_code).unwrap_or_default();
        (
            "heroku",
            Some(code),
            Some(format!("Heroku {hcode}").trim().to_string()),
        )
    } else if lower.contains("application error")
        && (lower.contains("heroku") || server.contains("heroku") || html)
    {
        (
            "heroku",
            Some(503),
            Some("503 Application Error".to_string()),
        )
    } else if html {
        let code = title
            .as_deref()
            .and_then(|t| text::three_digit_status(t.trim()))
            .or_else(|| {
                h1.as_deref()
                    .and_then(|t| text::three_digit_status(t.trim()))
            });
        let Some(code) = code.filter(|c| *c >= 400) else {
            return false;
        };
        let vendor = if lower.contains("nginx") || server.contains("nginx") {
            "nginx"
        } else if server.contains("awselb")
            || lower.contains("awselb")
            || lower.contains("<center><h1>")
        {
            "aws-alb"
        } else {
            "proxy"
        };
        (vendor, Some(code), title.or(h1))
    } else {
        return false;
    };
    if let Some(code) = status {
        c.status(code, line.as_deref(), rank::GATEWAY);
    }
    c.ev.gateway = Some(vendor.to_string());
    c.format(Format::GatewayHtml);
    true
}

/// `H12 Request timeout` from `…code=H12 desc="Request timeout"…`.
fn heroku_code(rest: &str) -> String {
    let code: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let desc = rest
        .find("desc=\"")
        .and_then(|d| {
            let r = &rest[d + 6..];
            r.find('"').map(|e| &r[..e])
        })
        .unwrap_or_default();
    format!("H{code} {desc}").trim().to_string()
}
