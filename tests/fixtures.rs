//! The fixture corpus runner: every `tests/fixtures/*.txt` is a realistic
//! paste with the diagnosis an expert would give it (format in
//! `tests/fixtures/README.md`). The runner checks them all and reports every
//! failure at once, so one run shows where the engine stands across formats
//! and sections instead of stopping at the first miss.

mod common;

use scopestack_troubleshooter::engine::{diagnose, knowledge_base, Diagnosis};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A corpus smaller than this no longer covers every format and section.
const MIN_FIXTURES: usize = 60;

const SEPARATOR: &str = "=== paste ===";

/// A fact that is either expected to have a value or expected to be absent
/// (`none` in the file).
#[derive(Debug, Clone, PartialEq)]
enum Expect<T> {
    Value(T),
    Absent,
}

#[derive(Debug, Default)]
struct Fixture {
    name: String,
    primary: Option<Expect<String>>,
    format: Option<Expect<String>>,
    status: Option<Expect<u16>>,
    /// (check id, wire state) in file order.
    checks: Vec<(String, &'static str)>,
    attribute: Option<Expect<String>>,
    slug: Option<Expect<String>>,
    secrets: Vec<String>,
    paste: String,
}

struct Ids {
    sections: BTreeSet<String>,
    checks: BTreeSet<String>,
}

impl Ids {
    fn load() -> Self {
        let kb = knowledge_base();
        let mut sections: BTreeSet<String> =
            common::SECTIONS.iter().map(|s| s.to_string()).collect();
        let mut checks: BTreeSet<String> = common::CHECKS.iter().map(|s| s.to_string()).collect();
        for s in &kb.sections {
            sections.insert(s.id.clone());
            for c in &s.checks {
                checks.insert(format!("{}/{}", s.id, c.id));
            }
        }
        Ids { sections, checks }
    }
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

fn fixture_paths() -> Vec<PathBuf> {
    paths_in(&fixtures_dir())
}

fn paths_in(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
}

fn expect_value<T>(
    raw: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Expect<T>, String> {
    if raw == "none" {
        Ok(Expect::Absent)
    } else {
        parse(raw).map(Expect::Value)
    }
}

fn set_once<T>(slot: &mut Option<T>, key: &str, value: T) -> Result<(), String> {
    if slot.is_some() {
        return Err(format!("`{key}:` given twice"));
    }
    *slot = Some(value);
    Ok(())
}

/// Parse one fixture file; any deviation from the format is an error, so a
/// typo cannot silently turn an expectation off.
fn parse(name: &str, text: &str, ids: &Ids) -> Result<Fixture, String> {
    let (head, paste) = match text.split_once(&format!("\n{SEPARATOR}\n")) {
        Some(parts) => parts,
        None => match text.strip_suffix(&format!("\n{SEPARATOR}")) {
            Some(head) => (head, ""),
            None => return Err(format!("no `{SEPARATOR}` line")),
        },
    };
    let mut fx = Fixture {
        name: name.to_string(),
        paste: paste.to_string(),
        ..Fixture::default()
    };
    let section_known = |id: &str| -> Result<String, String> {
        if ids.sections.contains(id) {
            Ok(id.to_string())
        } else {
            Err(format!("unknown section id `{id}`"))
        }
    };
    for (n, line) in head.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = || format!("line {}: ", n + 1);
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| format!("{}expected `key: value`, got `{line}`", at()))?;
        let (key, value) = (key.trim(), value.trim());
        if value.is_empty() {
            return Err(format!("{}`{key}:` has no value", at()));
        }
        let r: Result<(), String> = match key {
            "primary" => {
                expect_value(value, section_known).and_then(|v| set_once(&mut fx.primary, key, v))
            }
            "format" => expect_value(value, |v| Ok(v.to_string()))
                .and_then(|v| set_once(&mut fx.format, key, v)),
            "status" => expect_value(value, |v| {
                v.parse::<u16>()
                    .ok()
                    .filter(|s| (100..600).contains(s))
                    .ok_or_else(|| format!("status `{v}` is not an HTTP status"))
            })
            .and_then(|v| set_once(&mut fx.status, key, v)),
            "attribute" => expect_value(value, |v| Ok(v.to_string()))
                .and_then(|v| set_once(&mut fx.attribute, key, v)),
            "slug" => expect_value(value, |v| Ok(v.to_string()))
                .and_then(|v| set_once(&mut fx.slug, key, v)),
            "confirmed" | "likely" | "ruled_out" => {
                let state: &'static str = match key {
                    "confirmed" => "confirmed",
                    "likely" => "likely",
                    _ => "ruled_out",
                };
                match value.split_once('/') {
                    None => Err(format!("check id `{value}` is not `<section>/<check>`")),
                    Some((section, _)) if !ids.sections.contains(section) => {
                        Err(format!("unknown section id `{section}` in `{value}`"))
                    }
                    Some(_) if !ids.checks.contains(value) => {
                        Err(format!("unknown check id `{value}`"))
                    }
                    Some(_) if fx.checks.iter().any(|(id, _)| id == value) => {
                        Err(format!("check `{value}` listed twice"))
                    }
                    Some(_) => {
                        fx.checks.push((value.to_string(), state));
                        Ok(())
                    }
                }
            }
            "secret" => {
                if paste.contains(value) {
                    fx.secrets.push(value.to_string());
                    Ok(())
                } else {
                    Err(format!("secret `{value}` does not appear in the paste"))
                }
            }
            other => Err(format!("unknown key `{other}`")),
        };
        r.map_err(|e| format!("{}{e}", at()))?;
    }
    if fx.primary.is_none() {
        return Err("no `primary:` line".to_string());
    }
    Ok(fx)
}

fn show<T: std::fmt::Debug>(v: &Option<T>) -> String {
    match v {
        Some(x) => format!("{x:?}"),
        None => "null".to_string(),
    }
}

fn compare<T: PartialEq + std::fmt::Debug>(
    what: &str,
    expected: &Option<Expect<T>>,
    actual: Option<T>,
    misses: &mut Vec<String>,
) {
    let ok = match expected {
        None => return,
        Some(Expect::Absent) => actual.is_none(),
        Some(Expect::Value(v)) => actual.as_ref() == Some(v),
    };
    if !ok {
        let want = match expected {
            Some(Expect::Value(v)) => format!("{v:?}"),
            _ => "null".to_string(),
        };
        misses.push(format!("{what}: expected {want}, got {}", show(&actual)));
    }
}

/// Every way the diagnosis differs from the fixture's expectations.
fn judge(fx: &Fixture, d: &Diagnosis) -> Vec<String> {
    let mut misses = Vec::new();
    compare("primary", &fx.primary, d.primary.clone(), &mut misses);
    misses.extend(check_misses(fx, d));
    compare("format", &fx.format, d.facts.format.clone(), &mut misses);
    compare("status", &fx.status, d.facts.status, &mut misses);
    compare(
        "attribute",
        &fx.attribute,
        d.facts.attribute.clone(),
        &mut misses,
    );
    compare("slug", &fx.slug, d.facts.account_slug.clone(), &mut misses);
    let json = d.to_json();
    let text = d.to_text();
    for secret in &fx.secrets {
        // serde escapes some characters, so look for the escaped spelling too.
        let escaped = serde_json::to_string(secret).unwrap();
        let escaped = &escaped[1..escaped.len() - 1];
        if json.contains(secret.as_str()) || json.contains(escaped) {
            misses.push(format!("secret `{secret}` leaks into to_json()"));
        }
        if text.contains(secret.as_str()) {
            misses.push(format!("secret `{secret}` leaks into to_text()"));
        }
    }
    misses
}

/// The checklist expectations the diagnosis misses.
fn check_misses(fx: &Fixture, d: &Diagnosis) -> Vec<String> {
    let mut misses = Vec::new();
    for (id, want) in &fx.checks {
        match d.checklist.iter().find(|c| &c.id == id) {
            None => misses.push(format!("{id}: expected {want}, not in the checklist")),
            Some(c) if c.state.as_str() != *want => misses.push(format!(
                "{id}: expected {want}, got {} (why: {})",
                c.state.as_str(),
                c.why.as_deref().unwrap_or("-")
            )),
            Some(_) => {}
        }
    }
    misses
}

/// A measurement, not an assertion: how the engine does on the fixtures in
/// `tests/fixtures/<STAGING_DIR>` (default `gaps`), written before the
/// engine learnt their forms. Prints primary right, primary and checks
/// right, and everything right; a malformed fixture (e.g. naming a section
/// the knowledge base does not have yet) counts as wrong on all three.
/// Run with `STAGING_DIR=staging cargo test --test fixtures -- --ignored --nocapture`.
#[test]
#[ignore]
fn staging_report() {
    let ids = Ids::load();
    let dir = fixtures_dir().join(std::env::var("STAGING_DIR").unwrap_or_else(|_| "gaps".into()));
    let paths = paths_in(&dir);
    let (mut primary, mut checks, mut all) = (0usize, 0usize, 0usize);
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).unwrap();
        let fx = match parse(&name, &text, &ids) {
            Ok(fx) => fx,
            Err(e) => {
                println!("MALFORMED {name}: {e}");
                continue;
            }
        };
        let d = diagnose(&fx.paste);
        let mut p = Vec::new();
        compare("primary", &fx.primary, d.primary.clone(), &mut p);
        let c = check_misses(&fx, &d);
        let rest = judge(&fx, &d);
        primary += p.is_empty() as usize;
        checks += (p.is_empty() && c.is_empty()) as usize;
        all += rest.is_empty() as usize;
        if !rest.is_empty() {
            println!("FAIL {name}");
            for m in rest {
                println!("    {m}");
            }
        }
    }
    println!(
        "{}: {} fixtures; primary right {primary}, primary+checks right {checks}, all right {all}",
        dir.display(),
        paths.len()
    );
}

#[test]
fn fixture_corpus() {
    let ids = Ids::load();
    let paths = fixture_paths();
    let mut malformed: Vec<String> = Vec::new();
    let mut failed: Vec<(String, Vec<String>)> = Vec::new();
    let mut passed = 0usize;

    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                malformed.push(format!("{name}: unreadable: {e}"));
                continue;
            }
        };
        let fx = match parse(&name, &text, &ids) {
            Ok(fx) => fx,
            Err(e) => {
                malformed.push(format!("{name}: {e}"));
                continue;
            }
        };
        let paste = fx.paste.as_str();
        let misses = match std::panic::catch_unwind(|| diagnose(paste)) {
            Ok(d) => judge(&fx, &d),
            Err(_) => vec!["diagnose() panicked".to_string()],
        };
        if misses.is_empty() {
            passed += 1;
        } else {
            failed.push((fx.name, misses));
        }
    }

    let mut report = String::new();
    for (name, misses) in &failed {
        writeln!(report, "FAIL {name}").unwrap();
        for m in misses {
            writeln!(report, "    {m}").unwrap();
        }
    }
    for m in &malformed {
        writeln!(report, "MALFORMED {m}").unwrap();
    }
    writeln!(
        report,
        "fixtures: {passed} passed, {} failed, {} malformed",
        failed.len(),
        malformed.len()
    )
    .unwrap();
    println!("{report}");

    assert!(
        paths.len() >= MIN_FIXTURES,
        "only {} fixtures in {}; the corpus needs at least {MIN_FIXTURES}",
        paths.len(),
        fixtures_dir().display()
    );
    // The full report is on stdout above; cargo shows it for a failing test.
    assert!(
        failed.is_empty() && malformed.is_empty(),
        "{} fixture(s) failed and {} malformed; see the report above",
        failed.len(),
        malformed.len()
    );
}

/// The parser is what keeps expectations honest, so it gets its own checks.
#[test]
fn parser_rejects_malformed_fixtures() {
    let ids = Ids::load();
    let ok = "primary: 401-unauthorized\nconfirmed: 401-unauthorized/token-expired\nsecret: abcdefgh12345678\n=== paste ===\nBearer abcdefgh12345678\n";
    let fx = parse("ok", ok, &ids).unwrap();
    assert_eq!(
        fx.primary,
        Some(Expect::Value("401-unauthorized".to_string()))
    );
    assert_eq!(
        fx.checks,
        vec![("401-unauthorized/token-expired".to_string(), "confirmed")]
    );
    assert_eq!(fx.paste, "Bearer abcdefgh12345678\n");

    let none = parse("none", "primary: none\nslug: none\n=== paste ===\n", &ids).unwrap();
    assert_eq!(none.primary, Some(Expect::Absent));
    assert_eq!(none.slug, Some(Expect::Absent));
    assert_eq!(none.paste, "");

    for (why, text) in [
        ("no separator", "primary: none\n"),
        ("no primary", "status: 401\n=== paste ===\n401\n"),
        ("unknown key", "primary: none\nverdict: bad\n=== paste ===\nx\n"),
        ("unknown section", "primary: 418-teapot\n=== paste ===\nx\n"),
        (
            "unknown check section",
            "primary: none\nlikely: 418-teapot/brew\n=== paste ===\nx\n",
        ),
        (
            "unknown check",
            "primary: none\nlikely: 401-unauthorized/moon-phase\n=== paste ===\nx\n",
        ),
        ("bad status", "primary: none\nstatus: 4O1\n=== paste ===\nx\n"),
        (
            "secret not in paste",
            "primary: none\nsecret: s3cr3t-value\n=== paste ===\nx\n",
        ),
        (
            "check twice",
            "primary: none\nlikely: 404-not-found/deleted\nruled_out: 404-not-found/deleted\n=== paste ===\nx\n",
        ),
        ("primary twice", "primary: none\nprimary: none\n=== paste ===\nx\n"),
    ] {
        assert!(parse(why, text, &ids).is_err(), "accepted a fixture with {why}");
    }
}
