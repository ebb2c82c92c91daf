//! Tables whose header row names a secret column: CSV, tab-separated
//! (a spreadsheet, Postman's tables) and Markdown. The cells of that
//! column in the rows below are secrets, whatever they look like.
//!
//! Redacting twice must be redacting once, and masking a value that held a
//! delimiter (`password=a,b`) changes how its row splits. So rows are split
//! with the walk's spans opaque (a delimiter inside a span is not one), as
//! the next pass will see them once those spans are masks; a cell that a
//! span touches, or that holds a mask, is left to that span or mask.

use super::detect::Span;
use super::names::{classify, Name};
use super::SecretKind;

/// Tables read per paste, rows per table and bytes per table: a hostile
/// paste of header rows stays linear.
const MAX_TABLES: usize = 32;
const MAX_ROWS: usize = 2000;
const MAX_BYTES: usize = 256 * 1024;
/// A header cell of more words than this is prose, not a column name.
/// Words, not bytes: masking shortens a word but never splits or joins
/// words, so a later pass counts the same.
const MAX_HEADER_WORDS: usize = 4;

const DELIMITERS: [u8; 3] = [b'\t', b'|', b','];

/// Add a span for every cell under a secret column. `keys` are the words
/// the walk read as secret names, in text order; `spans` the walk's spans.
pub(super) fn columns(b: &[u8], keys: &[(usize, usize)], spans: &mut Vec<Span>) {
    if keys.is_empty() {
        return;
    }
    let mut sorted: Vec<(usize, usize)> = spans.iter().map(|s| (s.start, s.end)).collect();
    sorted.sort_unstable();
    // Disjoint and sorted, so a binary search finds the span at a byte.
    let mut opaque: Vec<(usize, usize)> = Vec::with_capacity(sorted.len());
    for (s, e) in sorted {
        match opaque.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => opaque.push((s, e)),
        }
    }
    let mut found = Vec::new();
    let mut done_until = 0;
    let mut header_end = 0;
    let mut tables = 0;
    for &(ws, we) in keys {
        // Keys in a table's rows are cells, not headers; other keys of the
        // same header row head their own columns.
        if (header_end <= ws && ws < done_until) || tables >= MAX_TABLES {
            continue;
        }
        let (Some(ls), Some(le)) = (line_start(b, ws), line_end_within(b, we)) else {
            continue;
        };
        let Some(kind) = kind_of(&b[ws..we]) else {
            continue;
        };
        let Some((d, column, fields)) = DELIMITERS
            .iter()
            .find_map(|&d| header(b, ls, le, ws, we, d, &opaque).map(|(c, n)| (d, c, n)))
        else {
            continue;
        };
        tables += 1;
        header_end = le;
        let mut row = le;
        let mut rows = 0;
        while row < b.len() && rows < MAX_ROWS && row - le < MAX_BYTES {
            let rs = row + 1;
            let re = line_end(b, rs);
            let cells = split(b, rs, re, d, &opaque);
            if re == rs || cells.len() != fields {
                break;
            }
            if let Some(&(cs, ce)) = cells.get(column) {
                let (cs, ce) = trim_cell(b, cs, ce);
                if secret_cell(b, cs, ce, &opaque) {
                    found.push(Span {
                        start: cs,
                        end: ce,
                        kind,
                        wrap: None,
                    });
                }
            }
            row = re;
            rows += 1;
        }
        done_until = row;
    }
    spans.extend(found);
}

/// The kind of secret a header cell names, if it names one a cell can hold.
fn kind_of(w: &[u8]) -> Option<SecretKind> {
    match classify(w)? {
        Name::Secret(kind) => Some(kind),
        Name::Authorization | Name::Bearer => Some(SecretKind::BearerToken),
        Name::Cookie => Some(SecretKind::Cookie),
        Name::CookieArray | Name::Code => None,
    }
}

/// `(column of the key, number of fields)` when the line `b[ls..le]`,
/// split at `d`, is a header row with the key `b[ws..we]` as a whole cell.
fn header(
    b: &[u8],
    ls: usize,
    le: usize,
    ws: usize,
    we: usize,
    d: u8,
    opaque: &[(usize, usize)],
) -> Option<(usize, usize)> {
    let cells = split(b, ls, le, d, opaque);
    if cells.len() < 2 || touches(opaque, ws, we) {
        return None;
    }
    let mut column = None;
    for (i, &(cs, ce)) in cells.iter().enumerate() {
        let (cs, ce) = trim_cell(b, cs, ce);
        if words(b, cs, ce, opaque) > MAX_HEADER_WORDS {
            return None;
        }
        if cs == ws && ce == we {
            column = Some(i);
        }
    }
    Some((column?, cells.len()))
}

/// Blank-separated words of `b[s..e]`, a span counting as part of one word
/// (its mask has no blank).
fn words(b: &[u8], s: usize, e: usize, opaque: &[(usize, usize)]) -> usize {
    let mut k = opaque.partition_point(|t| t.1 <= s);
    let mut n = 0;
    let mut in_word = false;
    let mut j = s;
    while j < e {
        while k < opaque.len() && opaque[k].1 <= j {
            k += 1;
        }
        let blank = !(k < opaque.len() && opaque[k].0 <= j) && matches!(b[j], b' ' | b'\t');
        if !blank && !in_word {
            n += 1;
        }
        in_word = !blank;
        j += 1;
    }
    n
}

/// The cells of `b[ls..le]` split at `d`, a delimiter inside a span not
/// counting as one.
fn split(b: &[u8], ls: usize, le: usize, d: u8, opaque: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut cells = Vec::new();
    let mut k = opaque.partition_point(|s| s.1 <= ls);
    let mut cs = ls;
    let mut j = ls;
    while j < le {
        while k < opaque.len() && opaque[k].1 <= j {
            k += 1;
        }
        if k < opaque.len() && opaque[k].0 <= j {
            j = opaque[k].1.max(j + 1);
            continue;
        }
        if b[j] == d {
            cells.push((cs, j));
            cs = j + 1;
        }
        j += 1;
    }
    cells.push((cs, le.max(cs)));
    cells
}

/// A cell less blanks and the quotes around it.
fn trim_cell(b: &[u8], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && matches!(b[s], b' ' | b'\t' | b'\r') {
        s += 1;
    }
    while e > s && matches!(b[e - 1], b' ' | b'\t' | b'\r') {
        e -= 1;
    }
    if e - s >= 2 && matches!(b[s], b'"' | b'\'') && b[e - 1] == b[s] {
        s += 1;
        e -= 1;
    }
    (s, e)
}

/// Whether the cell `b[s..e]` under a secret column holds a secret to mask:
/// not empty, not a Markdown rule (`---`), not a placeholder, not a name
/// (a second header row), not
/// touched by a span or holding a mask (already masked, or to be).
fn secret_cell(b: &[u8], s: usize, e: usize, opaque: &[(usize, usize)]) -> bool {
    let v = &b[s..e];
    // A cell still holding quotes is markup or JSON, left to the walk.
    !v.is_empty()
        && !v.iter().any(|c| matches!(c, b'"' | b'\''))
        && !v.iter().all(|c| matches!(c, b'-' | b':' | b'=' | b' '))
        && !super::detect::is_placeholder(v)
        && classify(v).is_none()
        && !touches(opaque, s, e)
        && !contains_mask(v)
}

fn contains_mask(v: &[u8]) -> bool {
    let m = super::MASKED.as_bytes();
    v.windows(m.len()).any(|w| w == m)
}

/// Whether a span overlaps or borders `[s, e)`.
fn touches(opaque: &[(usize, usize)], s: usize, e: usize) -> bool {
    let k = opaque.partition_point(|t| t.1 < s);
    opaque[k..]
        .iter()
        .take_while(|t| t.0 <= e)
        .any(|t| t.1 >= s)
}

/// Header rows are short: a key deeper into its line than this is in no
/// header row.
const MAX_HEADER_LINE: usize = 4096;

fn line_start(b: &[u8], p: usize) -> Option<usize> {
    let lo = p.saturating_sub(MAX_HEADER_LINE);
    match b[lo..p].iter().rposition(|c| *c == b'\n') {
        Some(k) => Some(lo + k + 1),
        None => (lo == 0).then_some(0),
    }
}

fn line_end_within(b: &[u8], p: usize) -> Option<usize> {
    let hi = b.len().min(p + MAX_HEADER_LINE);
    match b[p..hi].iter().position(|c| *c == b'\n') {
        Some(k) => Some(p + k),
        None => (hi == b.len()).then_some(hi),
    }
}

fn line_end(b: &[u8], p: usize) -> usize {
    b[p..]
        .iter()
        .position(|c| *c == b'\n')
        .map_or(b.len(), |k| p + k)
}
