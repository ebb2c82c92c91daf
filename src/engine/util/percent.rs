//! Percent escapes: decoding what a URL, a fragment or a form body carries,
//! and encoding for a link's fragment or a form body.

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-decode (`+` is a space); malformed escapes are kept as written,
/// invalid UTF-8 is replaced, never a panic.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hi = bytes.get(i + 1).copied().and_then(hex);
                let lo = bytes.get(i + 2).copied().and_then(hex);
                if let (Some(h), Some(l)) = (hi, lo) {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every byte `keep` refuses as `%XX`; a space as `+` when `plus` says so.
fn escape(s: &str, keep: fn(u8) -> bool, plus: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else if plus && b == b' ' {
            out.push('+');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-encode all but the unreserved characters (RFC 3986, plus `/`
/// and `,`), so a link's fragment survives chat tools and copy-paste.
pub fn fragment_encode(s: &str) -> String {
    escape(
        s,
        |b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/' | b','),
        false,
    )
}

/// `application/x-www-form-urlencoded` encoding of one name or value.
pub fn form_encode(s: &str) -> String {
    escape(
        s,
        |b| b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_'),
        true,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_keeps_bad_ones() {
        assert_eq!(decode("a%20b+c%2Fd"), "a b c/d");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        // A sign is not a hex digit (`u8::from_str_radix` takes "+1").
        assert_eq!(decode("%+1"), "% 1");
        assert_eq!(decode("%ff"), "\u{fffd}");
    }

    #[test]
    fn encodes_for_a_fragment_and_a_form() {
        assert_eq!(fragment_encode("a b/c,d~é"), "a%20b/c,d~%C3%A9");
        assert_eq!(form_encode("a b/c*"), "a+b%2Fc*");
        assert_eq!(decode(&form_encode("x y&z=1")), "x y&z=1");
    }
}
