//! Small text helpers for showing answers: indenting JSON for display (the
//! live panel's answer, `live::shown`), reading one string field (the
//! API facts' readers of `/v1/me` and token answers, which the widget calls
//! in the page), and sizes in megabytes (the engine's "too large" notice,
//! the paste box's progress). Both scan text in one pass instead of parsing, so they cost
//! the widget's download almost nothing and never fail on odd input.

/// Indent JSON text for reading. Works on any text: what is not JSON comes
/// back with at most some added line breaks, never an error.
pub fn pretty_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut depth: usize = 0;
    let mut in_string = false;
    let mut escaped = false;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth.min(32) {
            out.push_str("  ");
        }
    };
    let mut chars = text.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                // Keep `{}` and `[]` on one line.
                if matches!(chars.peek(), Some('}') | Some(']')) {
                    continue;
                }
                depth += 1;
                newline(&mut out, depth);
            }
            '}' | ']' => {
                if !out.ends_with('{') && !out.ends_with('[') {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                }
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// The value of the first `"name": "value"` string field in JSON text, with
/// simple escapes undone; `None` when there is none.
pub fn json_string_field(text: &str, name: &str) -> Option<String> {
    let key = format!("\"{name}\"");
    let mut from = 0;
    while let Some(at) = text[from..].find(&key) {
        let after = &text[from + at + key.len()..];
        let rest = after.trim_start();
        if let Some(rest) = rest.strip_prefix(':') {
            let rest = rest.trim_start();
            if let Some(body) = rest.strip_prefix('"') {
                let mut value = String::new();
                let mut chars = body.chars();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => return Some(value),
                        '\\' => match chars.next() {
                            Some('n') => value.push('\n'),
                            Some('t') => value.push('\t'),
                            Some(other) => value.push(other),
                            None => return None,
                        },
                        c => value.push(c),
                    }
                }
                return None;
            }
        }
        from += at + key.len();
    }
    None
}

/// Megabytes (MiB) with one decimal, without float formatting: `10.0`.
pub fn megabytes(bytes: usize) -> String {
    let tenths = (bytes + 52_428) / 104_858;
    format!("{}.{}", tenths / 10, tenths % 10)
}
