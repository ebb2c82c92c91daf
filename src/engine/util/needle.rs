//! Finding a short needle in text that is already lower-cased, the way the
//! recognisers look for their dozens of phrases. `str::find` builds a
//! two-way searcher for every call, which costs more than the search itself
//! when the text is a short JSON string; a paste's document holds thousands
//! of those, each read as a message of its own.

/// Every place `needle` starts in `hay`, left to right, not overlapping.
pub fn find_all<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let mut from = 0;
    std::iter::from_fn(move || {
        let (&first, rest) = n.split_first()?;
        while from + n.len() <= h.len() {
            let at = from
                + h[from..=h.len() - n.len()]
                    .iter()
                    .position(|&b| b == first)?;
            if h[at + 1..at + n.len()] == *rest {
                from = at + n.len();
                return Some(at);
            }
            from = at + 1;
        }
        None
    })
}

/// Where `needle` first starts in `hay`.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    find_all(hay, needle).next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_str_find_finds() {
        let hay = "a cors error, then another cors error at the end: cors";
        for needle in [
            "cors error",
            "cors",
            "a",
            "end: cors",
            "x",
            "cors errors",
            "",
        ] {
            let ours: Vec<usize> = find_all(hay, needle).collect();
            let std: Vec<usize> = hay.match_indices(needle).map(|(i, _)| i).collect();
            if needle.is_empty() {
                assert!(ours.is_empty());
            } else {
                assert_eq!(ours, std, "{needle}");
            }
        }
        assert_eq!(find("short", "much longer needle"), None);
        assert_eq!(find("", "a"), None);
        assert_eq!(find("aaab", "aab"), Some(1));
    }
}
