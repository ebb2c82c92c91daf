//! Finding many known values in a large text in one pass.
//!
//! Every value is at least six bytes long, so each text position is tested
//! by packing its next six bytes into an integer and looking that up in a
//! 64-kibibit filter; only the rare positions that pass are compared with the
//! values sharing those six bytes. The cost per byte is a load, a multiply
//! and a bit test, whatever the number of values, and the caps on values per
//! prefix and on value length bound the work a hostile paste can cause.

/// Length of the packed prefix every value must have.
pub(super) const MIN: usize = 6;
/// Values compared per six-byte prefix; more than this sharing one prefix are
/// left to their primary masking.
const PER_PREFIX: usize = 8;
/// Longer values are searched one by one with `str::find`.
const MAX_LEN: usize = 4096;
/// How many such long values are searched at all.
const MAX_LONG: usize = 4;
/// Values searched in all.
const MAX_VALUES: usize = 256;

const FILTER_WORDS: usize = 1 << 10;

pub(super) struct Finder<'a> {
    /// (packed prefix, value, caller's id), sorted by prefix then longest first.
    values: Vec<(u64, &'a [u8], usize)>,
    long: Vec<(&'a [u8], usize)>,
    filter: Vec<u64>,
}

impl<'a> Finder<'a> {
    pub(super) fn new(values: impl Iterator<Item = (usize, &'a [u8])>) -> Self {
        let mut short = Vec::new();
        let mut long = Vec::new();
        for (id, v) in values.take(MAX_VALUES) {
            if v.len() < MIN {
                continue;
            }
            if v.len() > MAX_LEN {
                if long.len() < MAX_LONG {
                    long.push((v, id));
                }
                continue;
            }
            short.push((pack(v), v, id));
        }
        short.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.len().cmp(&a.1.len())));
        let mut values: Vec<(u64, &[u8], usize)> = Vec::with_capacity(short.len());
        let mut filter = Vec::new();
        if !short.is_empty() {
            filter = vec![0u64; FILTER_WORDS];
        }
        let mut run = 0;
        for entry in short {
            run = match values.last() {
                Some(last) if last.0 == entry.0 => run + 1,
                _ => 1,
            };
            if run > PER_PREFIX {
                continue;
            }
            let h = slot(entry.0);
            filter[h >> 6] |= 1 << (h & 63);
            values.push(entry);
        }
        Finder {
            values,
            long,
            filter,
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.values.is_empty() && self.long.is_empty()
    }

    /// Append `(start, end, id)` of non-overlapping occurrences within
    /// `text[from..to]`, leftmost first and longest at each position.
    /// `from` and `to` must be char boundaries; every match is one too, since
    /// each value is a whole `str`.
    pub(super) fn find(
        &self,
        text: &str,
        from: usize,
        to: usize,
        out: &mut Vec<(usize, usize, usize)>,
    ) {
        let b = text.as_bytes();
        let to = to.min(b.len());
        if from >= to {
            return;
        }
        let first = out.len();
        if !self.values.is_empty() {
            self.scan(b, from, to, out);
        }
        if self.long.is_empty() {
            return;
        }
        let Some(window) = text.get(from..to) else {
            return;
        };
        for &(v, id) in &self.long {
            let Ok(v) = std::str::from_utf8(v) else {
                continue;
            };
            for (at, _) in window.match_indices(v) {
                out.push((from + at, from + at + v.len(), id));
            }
        }
        // Long values were searched apart: restore order, drop overlaps.
        let tail = &mut out[first..];
        tail.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
        let mut kept: Vec<(usize, usize, usize)> = Vec::with_capacity(tail.len());
        for &m in tail.iter() {
            if kept.last().is_none_or(|k| m.0 >= k.1) {
                kept.push(m);
            }
        }
        out.truncate(first);
        out.extend(kept);
    }

    fn scan(&self, b: &[u8], from: usize, to: usize, out: &mut Vec<(usize, usize, usize)>) {
        let mut i = from;
        while i + MIN <= to {
            let key = load(b, i);
            let h = slot(key);
            if self.filter[h >> 6] & (1 << (h & 63)) == 0 {
                i += 1;
                continue;
            }
            let mut at = self.values.partition_point(|v| v.0 < key);
            let mut hit = None;
            while let Some(&(k, v, id)) = self.values.get(at) {
                if k != key {
                    break;
                }
                if i + v.len() <= to && &b[i..i + v.len()] == v {
                    hit = Some((v.len(), id));
                    break;
                }
                at += 1;
            }
            match hit {
                Some((len, id)) => {
                    out.push((i, i + len, id));
                    i += len;
                }
                None => i += 1,
            }
        }
    }
}

#[inline(always)]
fn pack(v: &[u8]) -> u64 {
    v.iter()
        .take(MIN)
        .enumerate()
        .fold(0, |acc, (i, &c)| acc | (u64::from(c) << (8 * i)))
}

/// The six bytes at `i` packed like `pack`; the caller guarantees `i + MIN <= b.len()`.
#[inline(always)]
fn load(b: &[u8], i: usize) -> u64 {
    match b.get(i..i + 8) {
        Some(w) => {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(w);
            u64::from_le_bytes(buf) & 0xFFFF_FFFF_FFFF
        }
        None => pack(&b[i..]),
    }
}

#[inline(always)]
fn slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}
