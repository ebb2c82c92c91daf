//! A pasted `curl` command line: method, URL, `-H` headers, `-d`/`--data*`,
//! `--data-urlencode`, `-F` fields, `-u`, with shell quoting and `\` (or
//! cmd `^`, PowerShell backtick) line continuations. A command with `-H`
//! flags shows the request's headers, so an absent one is evidence.

use super::{json, text, Collector, Format, Platform};

#[derive(Debug, Default)]
pub(crate) struct Command {
    pub url: Option<String>,
    method: Option<String>,
    headers: Vec<(String, String)>,
    /// `-H` was used at least once.
    header_flags: bool,
    data: Vec<String>,
    params: Vec<(String, String)>,
    get: bool,
    head: bool,
    json: bool,
}

/// Short options that take a value (the rest of the cluster or the next word).
const SHORT_WITH_VALUE: &str = "XHduFoAbexwTrmKEcCyYzDQPt";

/// Long options that take a value; the ones read are named in `parse`.
const LONG_WITH_VALUE: &[&str] = &[
    "request",
    "header",
    "data",
    "data-raw",
    "data-binary",
    "data-ascii",
    "data-urlencode",
    "form",
    "form-string",
    "user",
    "url",
    "json",
    "oauth2-bearer",
    "user-agent",
    "cookie",
    "cookie-jar",
    "referer",
    "output",
    "max-time",
    "connect-timeout",
    "proxy",
    "proxy-user",
    "cacert",
    "capath",
    "cert",
    "key",
    "write-out",
    "config",
    "retry",
    "retry-delay",
    "retry-max-time",
    "upload-file",
    "resolve",
    "connect-to",
    "interface",
    "dump-header",
    "trace",
    "trace-ascii",
    "stderr",
    "range",
    "limit-rate",
    "max-redirs",
    "aws-sigv4",
    "variable",
    "expect100-timeout",
];

/// The last curl command in the paste, if any.
pub(crate) fn find(text: &str) -> Option<Command> {
    let mut found = None;
    let mut skip_to = 0;
    let mut seen = 0;
    for (off, line) in text::lines(text) {
        if off < skip_to {
            continue;
        }
        let t = line.trim_start();
        let t = ["$ ", "% ", "# ", "PS> ", ">>> "]
            .iter()
            .find_map(|p| t.strip_prefix(p))
            .unwrap_or(t)
            .trim_start();
        if !(t.starts_with("curl ") || t.starts_with("curl.exe ")) {
            continue;
        }
        let start = off + (line.len() - t.len());
        let Some(cmd_text) = text.get(start..) else {
            continue;
        };
        let first_line = cmd_text.lines().next().unwrap_or_default();
        let (words, used) = if first_line.contains("^\"") {
            // Windows cmd quoting (DevTools' "Copy as cURL (cmd)").
            let extent = cmd_extent(cmd_text);
            let (w, _) = words(&uncaret(&cmd_text[..extent]));
            (w, extent)
        } else {
            words(cmd_text)
        };
        skip_to = start + used;
        if let Some(cmd) = parse(words) {
            found = Some(cmd);
        }
        seen += 1;
        if seen >= 8 {
            break;
        }
    }
    found
}

/// The bytes of a cmd.exe command: lines ending in `^` continue it.
fn cmd_extent(s: &str) -> usize {
    for (off, line) in text::lines(s) {
        if !line.trim_end().ends_with('^') {
            return off + line.len();
        }
    }
    s.len()
}

/// Undo cmd.exe's `^` escapes (`^"` → `"`), keeping `^` before a line break
/// as the continuation it is.
fn uncaret(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == '^' {
            match chars.peek() {
                Some('\n' | '\r' | ' ' | '\t') | None => out.push('^'),
                Some(_) => {}
            }
            continue;
        }
        out.push(ch);
    }
    out
}

/// True when only spaces (and a CR) lie between `i` and the next newline.
fn continues(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r') {
        j += 1;
    }
    (j < b.len() && b[j] == b'\n').then_some(j + 1)
}

/// The char at byte `i`; a space if `i` is not on a char boundary, so a
/// scanner that stepped wrong moves on instead of panicking.
fn char_at(s: &str, i: usize) -> char {
    s.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ')
}

/// Split a shell command into words, as sh would (quotes, escapes, line
/// continuations), up to its end: an unescaped newline, `|`, `;` or `&&`.
/// Returns the words and the bytes consumed.
fn words(s: &str) -> (Vec<String>, usize) {
    let b = s.as_bytes();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut i = 0;
    let flush = |cur: &mut String, in_word: &mut bool, out: &mut Vec<String>| {
        if *in_word {
            out.push(std::mem::take(cur));
            *in_word = false;
        }
    };
    while i < b.len() && out.len() < 2000 {
        match b[i] {
            b' ' | b'\t' | b'\r' => {
                flush(&mut cur, &mut in_word, &mut out);
                i += 1;
            }
            b'\n' => {
                flush(&mut cur, &mut in_word, &mut out);
                return (out, i);
            }
            b'\\' | b'^' | b'`' if continues(b, i + 1).is_some() => {
                flush(&mut cur, &mut in_word, &mut out);
                i = continues(b, i + 1).unwrap_or(b.len());
            }
            b'\\' => {
                in_word = true;
                match s.get(i + 1..).and_then(|r| r.chars().next()) {
                    Some(ch) => {
                        cur.push(ch);
                        i += 1 + ch.len_utf8();
                    }
                    None => i += 1,
                }
            }
            b'\'' => {
                in_word = true;
                let rest = &s[i + 1..];
                match rest.find('\'') {
                    Some(end) => {
                        cur.push_str(&rest[..end]);
                        i += end + 2;
                    }
                    None => {
                        cur.push_str(rest);
                        i = b.len();
                    }
                }
            }
            b'$' if b.get(i + 1) == Some(&b'\'') => {
                // $'…' with C escapes.
                in_word = true;
                i += 2;
                while i < b.len() && b[i] != b'\'' {
                    if b[i] == b'\\' && i + 1 < b.len() {
                        let e = char_at(s, i + 1);
                        cur.push(match e {
                            'n' => '\n',
                            't' => '\t',
                            'r' => '\r',
                            other => other,
                        });
                        i += 1 + e.len_utf8();
                        continue;
                    }
                    let ch = char_at(s, i);
                    cur.push(ch);
                    i += ch.len_utf8();
                }
                i += 1;
            }
            b'"' => {
                in_word = true;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' && i + 1 < b.len() {
                        let e = b[i + 1];
                        if matches!(e, b'"' | b'\\' | b'$' | b'`') {
                            cur.push(char::from(e));
                            i += 2;
                            continue;
                        }
                        if e == b'\n' {
                            i += 2;
                            continue;
                        }
                    }
                    let ch = char_at(s, i);
                    cur.push(ch);
                    i += ch.len_utf8();
                }
                i += 1;
            }
            b'|' | b';' => {
                flush(&mut cur, &mut in_word, &mut out);
                return (out, i);
            }
            b'&' if b.get(i + 1) == Some(&b'&') => {
                flush(&mut cur, &mut in_word, &mut out);
                return (out, i);
            }
            b'#' if !in_word => {
                return (out, i);
            }
            _ => {
                in_word = true;
                let ch = char_at(s, i);
                cur.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    flush(&mut cur, &mut in_word, &mut out);
    (out, i.min(b.len()))
}

fn parse(words: Vec<String>) -> Option<Command> {
    let mut args = words.into_iter();
    let first = args.next()?;
    if first != "curl" && first != "curl.exe" {
        return None;
    }
    let args: Vec<String> = args.collect();
    let mut cmd = Command::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if let Some(long) = a.strip_prefix("--") {
            if long.is_empty() {
                continue;
            }
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) if LONG_WITH_VALUE.contains(&n) => (n, Some(v.to_string())),
                _ => (long, None),
            };
            if LONG_WITH_VALUE.contains(&name) {
                let value = match inline {
                    Some(v) => v,
                    None => {
                        i += 1;
                        args.get(i - 1).cloned().unwrap_or_default()
                    }
                };
                long_option(&mut cmd, name, value);
            } else {
                match name {
                    "get" => cmd.get = true,
                    "head" => cmd.head = true,
                    _ => {}
                }
            }
        } else if a.len() > 1 && a.starts_with('-') {
            let flags: Vec<char> = a[1..].chars().collect();
            for (k, &f) in flags.iter().enumerate() {
                if SHORT_WITH_VALUE.contains(f) {
                    let attached: String = flags[k + 1..].iter().collect();
                    let value = if attached.is_empty() {
                        i += 1;
                        args.get(i - 1).cloned().unwrap_or_default()
                    } else {
                        attached
                    };
                    short_option(&mut cmd, f, value);
                    break;
                }
                match f {
                    'G' => cmd.get = true,
                    'I' => cmd.head = true,
                    _ => {}
                }
            }
        } else if cmd.url.is_none() {
            cmd.url = Some(a.clone());
        }
    }
    Some(cmd)
}

fn short_option(cmd: &mut Command, flag: char, value: String) {
    let long = match flag {
        'X' => "request",
        'H' => "header",
        'd' => "data",
        'F' => "form",
        'u' => "user",
        _ => return,
    };
    long_option(cmd, long, value);
}

fn long_option(cmd: &mut Command, name: &str, value: String) {
    match name {
        "request" => cmd.method = Some(value.trim().to_ascii_uppercase()),
        "header" => {
            cmd.header_flags = true;
            let v = value.trim();
            if let Some((k, val)) = v.split_once(':') {
                if !k.trim().is_empty() && !k.contains(char::is_whitespace) {
                    cmd.headers
                        .push((k.trim().to_string(), val.trim().to_string()));
                }
            } else if let Some(k) = v.strip_suffix(';') {
                cmd.headers.push((k.trim().to_string(), String::new()));
            }
        }
        "data" | "data-raw" | "data-binary" | "data-ascii" => cmd.data.push(value),
        "json" => {
            cmd.json = true;
            cmd.data.push(value);
        }
        "data-urlencode" => {
            // name=content, =content, content, name@file
            match value.split_once('=') {
                Some((n, content)) if !n.is_empty() => {
                    cmd.params.push((n.to_string(), content.to_string()));
                    cmd.data.push(format!("{n}={content}"));
                }
                Some((_, content)) => cmd.data.push(content.to_string()),
                None => cmd.data.push(value),
            }
        }
        "form" | "form-string" => {
            if let Some((n, v)) = value.split_once('=') {
                let v = v.split(';').next().unwrap_or(v);
                cmd.params.push((n.to_string(), v.to_string()));
            }
        }
        "user" => {
            let encoded = text::base64_encode(value.as_bytes());
            cmd.headers
                .push(("Authorization".to_string(), format!("Basic {encoded}")));
        }
        "oauth2-bearer" => cmd
            .headers
            .push(("Authorization".to_string(), format!("Bearer {value}"))),
        "url" => cmd.url = Some(value),
        _ => {}
    }
}

/// Add what the command shows, under what a transcript of the same
/// exchange already showed (the wire wins).
pub(crate) fn apply(cmd: Command, c: &mut Collector) {
    c.format(Format::CurlCommand);
    c.platform(Platform::Curl);
    let has_data = !cmd.data.is_empty() || !cmd.params.is_empty();
    let method = cmd.method.clone().unwrap_or_else(|| {
        if cmd.head {
            "HEAD"
        } else if cmd.get || !has_data {
            "GET"
        } else {
            "POST"
        }
        .to_string()
    });
    c.method(&method);
    let body = cmd.data.join("&");
    if let Some(u) = cmd.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        let mut url = if u.starts_with("http://") || u.starts_with("https://") {
            u.to_string()
        } else {
            // curl's own default scheme.
            format!("http://{u}")
        };
        if cmd.get && !body.is_empty() {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(&body);
        }
        c.url(&url);
    }
    let mut headers = cmd.headers;
    if cmd.json {
        for (k, v) in [
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
        ] {
            if super::find_header(&headers, k).is_none() {
                headers.push((k.to_string(), v.to_string()));
            }
        }
    }
    if cmd.header_flags {
        c.request_headers(headers);
    } else if c.ev.request.headers.is_empty() {
        // -u / --oauth2-bearer alone: a header is known, the block is not.
        c.ev.request.headers = headers;
    }
    let mut params = Vec::new();
    for part in &cmd.data {
        if let Some(p) = text::form_params(part) {
            params.extend(p);
        }
    }
    params.extend(cmd.params);
    params.dedup();
    if !body.trim_start().starts_with('{') {
        c.request_params(params);
    }
    if !cmd.get && !body.is_empty() && !body.starts_with('@') {
        c.request_body(&body);
        if c.ev.request.params.is_empty() {
            c.request_params(json::params_of_body(&body));
        }
    }
}
