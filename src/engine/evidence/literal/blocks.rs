//! Finding the outermost `{…}` blocks of a text (quotes respected), before
//! any of them is rewritten.

/// The outermost `{…}` blocks of `text`, as byte ranges, at most `limit`;
/// a block still open at the end is returned as far as it goes, marked
/// incomplete. curl's `{ [5 bytes data]` markers are not blocks.
pub(crate) fn blocks(text: &str, limit: usize) -> Vec<(usize, usize, bool)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut quote: Option<u8> = None;
    let mut escaped = false;
    let mut line_start = true;
    for (i, &b) in bytes.iter().enumerate() {
        let at_line_start = line_start;
        line_start = b == b'\n';
        if depth == 0 {
            if b == b'{' && !(at_line_start && bytes.get(i + 1..i + 3) == Some(b" [")) {
                depth = 1;
                start = i;
            }
            continue;
        }
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == q || b == b'\n' {
                quote = None;
            }
            continue;
        }
        match b {
            b'"' | b'\'' => quote = Some(b),
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    out.push((start, i + 1, true));
                    if out.len() >= limit {
                        return out;
                    }
                }
            }
            _ => {}
        }
    }
    if depth > 0 {
        out.push((start, bytes.len(), false));
    }
    out
}
