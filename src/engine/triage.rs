//! Bulk triage: many tickets in, one short JSON line per ticket out (the
//! primary section and the flagged checks, never the ticket's text), and a
//! count per section. Reads ticket exports as text: a CSV (RFC 4180: quoted
//! cells, doubled quotes, line breaks inside quotes) or a JSON array of
//! objects, with the ticket text in a named column. Walking files and
//! directories is the CLI's job; this room only reads text.

use serde_json::{json, Value};

use super::diagnosis::{CheckState, Diagnosis};

/// Where a ticket came from: a file, or a row of an export (1-based, not
/// counting the header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    File(String),
    Row { file: String, row: usize },
}

/// The JSON line for one ticket (DESIGN.md, `diagnose --jsonl`): `file` or
/// `row` (an export's row also names its file), `primary`, `flagged` (the
/// confirmed and likely checks) and `checks` (the same with their state).
/// Only ids and states: nothing of the ticket's text, so nothing secret.
pub fn line(origin: &Origin, d: &Diagnosis) -> String {
    let flagged: Vec<_> = d
        .checklist
        .iter()
        .filter(|c| matches!(c.state, CheckState::Confirmed | CheckState::Likely))
        .collect();
    let mut v = json!({
        "primary": d.primary,
        "flagged": flagged.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        "checks": flagged
            .iter()
            .map(|c| json!({"id": c.id, "state": c.state.as_str()}))
            .collect::<Vec<_>>(),
    });
    if let Value::Object(map) = &mut v {
        match origin {
            Origin::File(f) => {
                map.insert("file".into(), json!(f));
            }
            Origin::Row { file, row } => {
                map.insert("file".into(), json!(file));
                map.insert("row".into(), json!(row));
            }
        }
    }
    v.to_string()
}

/// How many tickets had each primary section (`none` for no error found),
/// most first, then by id.
#[derive(Debug, Default)]
pub struct Tally {
    counts: Vec<(String, usize)>,
}

impl Tally {
    pub fn add(&mut self, primary: Option<&str>) {
        let id = primary.unwrap_or("none");
        match self.counts.iter_mut().find(|(k, _)| k == id) {
            Some((_, n)) => *n += 1,
            None => self.counts.push((id.to_string(), 1)),
        }
    }

    /// One `count<TAB>section` line each, and the total.
    pub fn report(&self) -> String {
        let mut rows = self.counts.clone();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let total: usize = rows.iter().map(|r| r.1).sum();
        let mut out: String = rows.iter().map(|(k, n)| format!("{n}\t{k}\n")).collect();
        out.push_str(&format!("{total}\ttickets\n"));
        out
    }
}

/// The ticket texts of an export, with their row numbers: a JSON array of
/// objects when the text starts with `[`, else a CSV with a header row.
/// Rows whose cell is empty are skipped (their number still counts).
pub fn export_rows(text: &str, column: &str) -> Result<Vec<(usize, String)>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('[') {
        json_rows(text, column)
    } else {
        csv_rows(text, column)
    }
}

fn json_rows(text: &str, column: &str) -> Result<Vec<(usize, String)>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("not a JSON export: {e}"))?;
    let items = v
        .as_array()
        .ok_or("a JSON export must be an array of objects")?;
    let mut out = Vec::new();
    let mut seen = false;
    for (i, item) in items.iter().enumerate() {
        let obj = item
            .as_object()
            .ok_or_else(|| format!("item {} of the JSON export is not an object", i + 1))?;
        let Some(cell) = obj.get(column) else {
            continue;
        };
        seen = true;
        let text = match cell {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        };
        if !text.trim().is_empty() {
            out.push((i + 1, text));
        }
    }
    if !seen && !items.is_empty() {
        return Err(format!(
            "no object of the JSON export has a field {column:?}"
        ));
    }
    Ok(out)
}

fn csv_rows(text: &str, column: &str) -> Result<Vec<(usize, String)>, String> {
    let mut records = parse_csv(text)?.into_iter();
    let header = records.next().ok_or("the CSV export is empty")?;
    let at = header
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case(column))
        .ok_or_else(|| {
            format!(
                "the CSV export has no column {column:?} (its columns: {})",
                header.join(", ")
            )
        })?;
    Ok(records
        .enumerate()
        .filter_map(|(i, mut r)| {
            let cell = (at < r.len()).then(|| r.swap_remove(at))?;
            (!cell.trim().is_empty()).then_some((i + 1, cell))
        })
        .collect())
}

/// Records of an RFC 4180 CSV: fields split by commas, quoted fields may
/// hold commas, doubled quotes and line breaks; CRLF or LF ends a record.
/// An unclosed quote is an error naming its line.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    let mut quoted_from = None;
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if quoted_from.is_some() {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted_from = None,
                _ => {
                    if c == '\n' {
                        line += 1;
                    }
                    field.push(c);
                }
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted_from = Some(line),
            ',' => record.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                line += 1;
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                any = false;
            }
            _ => field.push(c),
        }
    }
    if let Some(from) = quoted_from {
        return Err(format!(
            "the CSV export has a quote opened on line {from} and never closed"
        ));
    }
    if any {
        record.push(field);
        records.push(record);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_commas_and_line_breaks() {
        let r = parse_csv("a,b\r\n\"x, \"\"y\"\"\",\"line1\nline2\"\n3,\n").unwrap_or_default();
        assert_eq!(
            r,
            vec![
                vec!["a", "b"],
                vec!["x, \"y\"", "line1\nline2"],
                vec!["3", ""]
            ]
        );
        assert!(parse_csv("a\n\"open").is_err());
        assert_eq!(parse_csv("").unwrap_or_default(), Vec::<Vec<String>>::new());
    }

    #[test]
    fn export_errors_say_what_is_wrong() {
        let e = export_rows("id,body\n1,x\n", "text").unwrap_err();
        assert!(e.contains("\"text\"") && e.contains("id, body"), "{e}");
        assert!(export_rows("[1]", "text")
            .unwrap_err()
            .contains("not an object"));
        assert!(export_rows("{\"a\":1}", "a").is_err());
        assert_eq!(
            export_rows(
                "[{\"text\":\"401\"},{\"text\":\"\"},{\"text\":\"504\"}]",
                "text"
            )
            .unwrap_or_default(),
            vec![(1, "401".to_string()), (3, "504".to_string())]
        );
    }
}
