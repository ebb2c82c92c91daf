//! Object literals that are almost JSON: JavaScript as Node and browsers
//! print it (unquoted keys, single quotes, `Object [AxiosHeaders] {`,
//! `[Function: x]`, `<ref *1>`), Python dict reprs (`'key'`, `True`, `None`),
//! Ruby hashes (`{:error=>:invalid_grant}`), and JSON cut off mid-way.
//!
//! One linear pass rewrites such text into valid JSON (closing what a
//! truncated paste left open), so serde_json can parse it once. An explicit
//! stack replaces recursion, so nesting depth costs nothing here.

/// Which notation a block was written in, as far as the rewrite noticed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavour {
    Json,
    Python,
    Ruby,
    Js,
}

#[derive(Default)]
struct Seen {
    single_quotes: bool,
    bare_keys: bool,
    ruby: bool,
    python_consts: bool,
    js_tags: bool,
}

impl Seen {
    fn flavour(&self) -> Flavour {
        if self.ruby {
            Flavour::Ruby
        } else if self.js_tags || self.bare_keys {
            Flavour::Js
        } else if self.single_quotes || self.python_consts {
            Flavour::Python
        } else {
            Flavour::Json
        }
    }
}

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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Key,
    Colon,
    Value,
    Comma,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Key,
    Value,
    Done,
}

struct Writer {
    out: String,
    /// true = object, false = array.
    stack: Vec<bool>,
    want: Want,
    /// A value was completed at the top level: the block is over.
    done: bool,
    /// The next string continues the last one (`'a' + 'b'`).
    concat: bool,
    seen: Seen,
}

impl Writer {
    fn in_object(&self) -> bool {
        self.stack.last().copied().unwrap_or(false)
    }

    /// Where the next scalar goes, inserting what a sloppy dump left out.
    fn role(&mut self) -> Role {
        if self.done {
            return Role::Done;
        }
        if self.stack.is_empty() {
            return if self.want == Want::Value {
                Role::Value
            } else {
                Role::Done
            };
        }
        if self.in_object() {
            match self.want {
                Want::Key => Role::Key,
                Want::Comma => {
                    self.out.push(',');
                    self.want = Want::Key;
                    Role::Key
                }
                Want::Colon => {
                    self.out.push(':');
                    self.want = Want::Value;
                    Role::Value
                }
                Want::Value => Role::Value,
            }
        } else {
            if self.want == Want::Comma {
                self.out.push(',');
            }
            self.want = Want::Value;
            Role::Value
        }
    }

    fn after_value(&mut self) {
        if self.stack.is_empty() {
            self.done = true;
        }
        self.want = Want::Comma;
    }

    /// Emit a scalar already rendered as JSON (`json`) or, where a key
    /// belongs, the key text (`key`, else `json` quoted).
    fn scalar(&mut self, json: &str, key: Option<&str>) {
        match self.role() {
            Role::Done => {}
            Role::Key => {
                push_json_str(&mut self.out, key.unwrap_or(json));
                self.want = Want::Colon;
            }
            Role::Value => {
                self.out.push_str(json);
                self.after_value();
            }
        }
    }

    fn string(&mut self, s: &str) {
        if self.concat && self.out.ends_with('"') {
            self.concat = false;
            self.out.pop();
            let mut tmp = String::new();
            push_json_str(&mut tmp, s);
            self.out.push_str(&tmp[1..]);
            return;
        }
        self.concat = false;
        match self.role() {
            Role::Done => {}
            Role::Key => {
                push_json_str(&mut self.out, s);
                self.want = Want::Colon;
            }
            Role::Value => {
                push_json_str(&mut self.out, s);
                self.after_value();
            }
        }
    }

    fn open(&mut self, object: bool) {
        match self.role() {
            Role::Done => return,
            // A container where a key belongs: give it an empty key.
            Role::Key => self.out.push_str("\"\":"),
            Role::Value => {}
        }
        self.out.push(if object { '{' } else { '[' });
        self.stack.push(object);
        self.want = if object { Want::Key } else { Want::Value };
    }

    /// Complete whatever is pending before a container closes.
    fn settle(&mut self) {
        match self.want {
            Want::Colon => self.out.push_str(":null"),
            Want::Value if self.out.ends_with(':') => self.out.push_str("null"),
            _ => {}
        }
        if self.out.ends_with(',') {
            self.out.pop();
        }
    }

    fn close(&mut self) {
        let Some(object) = self.stack.pop() else {
            self.done = true;
            return;
        };
        self.settle();
        self.out.push(if object { '}' } else { ']' });
        self.after_value();
    }

    fn comma(&mut self) {
        if self.want == Want::Value && self.out.ends_with(':') {
            self.out.push_str("null");
            self.want = Want::Comma;
        }
        if self.want == Want::Colon {
            self.out.push_str(":null");
            self.want = Want::Comma;
        }
        if self.want == Want::Comma && !self.stack.is_empty() {
            self.out.push(',');
            self.want = if self.in_object() {
                Want::Key
            } else {
                Want::Value
            };
        }
    }
}

fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'$'
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

fn ident_end(bytes: &[u8], from: usize) -> usize {
    let mut j = from;
    while j < bytes.len() && is_ident(bytes[j]) {
        j += 1;
    }
    j
}

/// The next byte that is not a space, tab or line break.
fn next_significant(bytes: &[u8], mut i: usize) -> Option<u8> {
    while let Some(&b) = bytes.get(i) {
        if !b.is_ascii_whitespace() {
            return Some(b);
        }
        i += 1;
    }
    None
}

/// The char at byte `i`, if `i` is on a char boundary.
fn char_at(src: &str, i: usize) -> Option<char> {
    src.get(i..).and_then(|r| r.chars().next())
}

/// Read a quoted string starting at the quote; returns the text and the
/// index after the closing quote. `'` and `"` strings end at a line break
/// too, so a stray apostrophe cannot swallow the rest of a paste.
fn read_string(src: &str, start: usize) -> (String, usize) {
    let bytes = src.as_bytes();
    let q = bytes[start];
    let mut s = String::new();
    let mut i = start + 1;
    while i < bytes.len() {
        let b = bytes[i];
        if b == q {
            return (s, i + 1);
        }
        if b == b'\n' && q != b'`' {
            return (s, i);
        }
        if b == b'\\' {
            let Some(e) = char_at(src, i + 1) else {
                return (s, bytes.len());
            };
            i += 1 + e.len_utf8();
            match e {
                'n' => s.push('\n'),
                't' => s.push('\t'),
                'r' => s.push('\r'),
                'b' => s.push('\u{8}'),
                'f' => s.push('\u{c}'),
                '0' => s.push('\0'),
                'x' => {
                    let code = src
                        .get(i..i + 2)
                        .and_then(|h| u32::from_str_radix(h, 16).ok());
                    if let Some(c) = code.and_then(char::from_u32) {
                        s.push(c);
                        i += 2;
                    }
                }
                'u' => {
                    let (c, used) = unicode_escape(src, i);
                    s.push(c);
                    i += used;
                }
                '\n' => {}
                // Any other escaped char stands for itself.
                other => s.push(other),
            }
            continue;
        }
        match char_at(src, i) {
            Some(c) => {
                s.push(c);
                i += c.len_utf8();
            }
            None => i += 1,
        }
    }
    (s, bytes.len())
}

/// `\uXXXX` (with surrogate pairs) or `\u{…}` after the `u`; returns the
/// char and how many bytes were used.
fn unicode_escape(src: &str, i: usize) -> (char, usize) {
    let four = |at: usize| {
        src.get(at..at + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    if src.as_bytes().get(i) == Some(&b'{') {
        if let Some(end) = src
            .get(i..)
            .and_then(|s| s.bytes().take(10).position(|b| b == b'}'))
        {
            let code = src
                .get(i + 1..i + end)
                .and_then(|h| u32::from_str_radix(h, 16).ok());
            return (code.and_then(char::from_u32).unwrap_or('\u{fffd}'), end + 1);
        }
        return ('\u{fffd}', 0);
    }
    let Some(hi) = four(i) else {
        return ('\u{fffd}', 0);
    };
    if (0xD800..0xDC00).contains(&hi) && src.get(i + 4..i + 6) == Some("\\u") {
        if let Some(lo) = four(i + 6).filter(|lo| (0xDC00..0xE000).contains(lo)) {
            let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
            return (char::from_u32(c).unwrap_or('\u{fffd}'), 10);
        }
    }
    (char::from_u32(hi).unwrap_or('\u{fffd}'), 4)
}

/// True when `s` is a number as JSON writes it.
fn is_json_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s).as_bytes();
    let Some(&first) = digits.first() else {
        return false;
    };
    if !first.is_ascii_digit() || (first == b'0' && digits.get(1).is_some_and(u8::is_ascii_digit)) {
        return false;
    }
    s.parse::<f64>().is_ok_and(f64::is_finite)
        && !s.ends_with('.')
        && !s.contains(".e")
        && !s.contains(".E")
        && !s.contains('_')
}

/// Length of a `[Tag …]` label at `i` (through the `]`), when it is one:
/// a word inside brackets on one line, without commas or quotes, and not a
/// literal (`[true]` is an array).
fn tag_len(bytes: &[u8], i: usize) -> Option<usize> {
    let rest = bytes.get(i + 1..)?;
    let close = rest
        .iter()
        .take(200)
        .position(|&c| matches!(c, b']' | b'\n' | b',' | b'\'' | b'"' | b'[' | b'{'))?;
    if rest[close] != b']' {
        return None;
    }
    let inner = &rest[..close];
    if matches!(
        inner,
        b"true" | b"false" | b"null" | b"None" | b"True" | b"False" | b"nil" | b"undefined"
    ) {
        return None;
    }
    Some(close + 2)
}

/// Rewrite a JavaScript / Python / Ruby literal (or truncated JSON) that
/// starts with `{` or `[` into JSON text, closing what was left open.
pub(crate) fn to_json(src: &str) -> (String, Flavour) {
    let bytes = src.as_bytes();
    let mut w = Writer {
        out: String::with_capacity(src.len() + 16),
        stack: Vec::new(),
        want: Want::Value,
        done: false,
        concat: false,
        seen: Seen::default(),
    };
    let mut i = 0;
    while i < bytes.len() && !w.done {
        let b = bytes[i];
        match b {
            b'{' => {
                w.open(true);
                i += 1;
            }
            b'[' => {
                let after = bytes.get(i + 1).copied().unwrap_or(b' ');
                if let Some(len) = is_ident_start(after).then(|| tag_len(bytes, i)).flatten() {
                    let tag = src.get(i + 1..i + len - 1).unwrap_or_default();
                    w.seen.js_tags = true;
                    if matches!(next_significant(bytes, i + len), Some(b'{' | b'[')) {
                        // A type label (`Object [AxiosHeaders] {`): drop it.
                    } else if w.in_object() && matches!(w.want, Want::Key | Want::Comma) {
                        w.scalar("", Some(tag));
                    } else {
                        w.scalar("null", None);
                    }
                    i += len;
                    continue;
                }
                w.open(false);
                i += 1;
            }
            b'}' | b']' => {
                w.close();
                i += 1;
            }
            b',' => {
                w.comma();
                i += 1;
            }
            b':' => {
                let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                if w.want != Want::Colon && (is_ident_start(next) || next == b'"') {
                    // A Ruby symbol: `:invalid_grant`, `:"a b"`.
                    w.seen.ruby = true;
                    if next == b'"' {
                        let (s, end) = read_string(src, i + 1);
                        w.string(&s);
                        i = end;
                    } else {
                        let end = ident_end(bytes, i + 1);
                        w.string(src.get(i + 1..end).unwrap_or_default());
                        i = end;
                    }
                    continue;
                }
                if w.want == Want::Colon {
                    w.out.push(':');
                    w.want = Want::Value;
                }
                i += 1;
            }
            b'=' if bytes.get(i + 1) == Some(&b'>') => {
                w.seen.ruby = true;
                if w.want == Want::Colon {
                    w.out.push(':');
                    w.want = Want::Value;
                }
                i += 2;
            }
            b'+' if w.out.ends_with('"')
                && matches!(next_significant(bytes, i + 1), Some(b'\'' | b'"' | b'`')) =>
            {
                w.concat = true;
                i += 1;
            }
            b'"' | b'\'' | b'`' => {
                if b == b'\'' {
                    w.seen.single_quotes = true;
                }
                let (s, end) = read_string(src, i);
                w.string(&s);
                i = end;
            }
            b'<' => {
                // `<ref *1>`, `<Buffer 7b 22>`, `<pending>`: nothing to keep.
                i = bytes[i..]
                    .iter()
                    .take(200)
                    .position(|&c| c == b'>' || c == b'\n')
                    .map_or(i + 1, |p| i + p + 1);
            }
            b'.' if bytes.get(i + 1..i + 3) == Some(b"..") => {
                // `... 2 more items`
                while i < bytes.len() && !matches!(bytes[i], b',' | b']' | b'}' | b'\n') {
                    i += 1;
                }
            }
            b'-' | b'0'..=b'9' => {
                let end = bytes[i + 1..]
                    .iter()
                    .position(|&c| {
                        !(c.is_ascii_alphanumeric() || matches!(c, b'.' | b'+' | b'-' | b'_'))
                    })
                    .map_or(bytes.len(), |p| i + 1 + p);
                let raw = src.get(i..end).unwrap_or_default();
                if is_json_number(raw) {
                    w.scalar(raw, Some(raw));
                } else if let Some(f) = raw
                    .replace('_', "")
                    .parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                {
                    w.scalar(&f.to_string(), Some(raw));
                } else if raw.len() > 1 {
                    let mut s = String::new();
                    push_json_str(&mut s, raw);
                    w.scalar(&s, Some(raw));
                }
                i = end;
            }
            b if is_ident_start(b) => {
                let end = ident_end(bytes, i);
                let word = src.get(i..end).unwrap_or_default();
                // Python string prefixes: b'…', u"…", r'…'.
                if matches!(bytes.get(end), Some(b'\'' | b'"'))
                    && matches!(word, "b" | "u" | "r" | "f" | "rb" | "br")
                {
                    i = end;
                    continue;
                }
                let mut j = end;
                let mut label = word;
                if next_significant(bytes, j) == Some(b'(') {
                    // `Symbol(kCapture)`, `Map(2)`, `Decimal('1.5')`.
                    let open = bytes[j..]
                        .iter()
                        .position(|&c| c == b'(')
                        .map_or(j, |p| j + p);
                    let close = bytes[open..]
                        .iter()
                        .take(400)
                        .position(|&c| c == b')' || c == b'\n')
                        .map_or(open + 1, |p| open + p + 1);
                    label = src.get(i..close).unwrap_or(word);
                    j = close;
                }
                let after = next_significant(bytes, j);
                if w.in_object() && matches!(w.want, Want::Key | Want::Comma) {
                    w.seen.bare_keys = true;
                    w.scalar("", Some(label));
                } else if matches!(after, Some(b'{' | b'[')) {
                    // `ClientRequest {`, `Object [AxiosHeaders] {`: a type label.
                    w.seen.js_tags = true;
                } else {
                    match word {
                        "true" => w.scalar("true", None),
                        "false" => w.scalar("false", None),
                        "True" | "False" => {
                            w.seen.python_consts = true;
                            w.scalar(if word == "True" { "true" } else { "false" }, None);
                        }
                        "None" => {
                            w.seen.python_consts = true;
                            w.scalar("null", None);
                        }
                        "null" | "nil" | "undefined" | "NaN" | "Infinity" => w.scalar("null", None),
                        _ => w.string(label),
                    }
                }
                i = j;
            }
            _ => {
                // Whitespace, `…`, stray punctuation: skip one char.
                i += char_at(src, i).map_or(1, char::len_utf8);
            }
        }
    }
    while !w.stack.is_empty() {
        w.close();
    }
    let flavour = w.seen.flavour();
    (w.out, flavour)
}
