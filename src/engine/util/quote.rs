//! Quoting: text shortened to one line for a sentence, and quotes taken off.

/// Shorten a quote so a `why` stays one readable line.
pub fn quote(s: &str) -> String {
    const MAX: usize = 120;
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= MAX {
        one_line
    } else {
        let cut: String = one_line.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

/// The text without the quotes and whitespace around it.
pub fn unquote(s: &str) -> &str {
    s.trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace())
}
