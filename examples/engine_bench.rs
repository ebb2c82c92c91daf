//! Engine benchmark: how `engine::diagnose` compares with one plain
//! `serde_json` parse of the same JSON paste (the budget is 2× at every size),
//! and whether a big non-JSON `curl -v` paste is diagnosed in linear time.
//!
//! Run with `cargo run --release --example engine_bench`. It prints a table
//! and writes the same table to `target/engine-bench.txt`. It reports and
//! never asserts: timings depend on the machine, and a timed assertion would
//! make a busy CI runner fail for no fault of the code.
//!
//! Every input is built here, deterministically, so two runs measure the same
//! bytes and no fixture file has to be kept in step with the engine.

use scopestack_troubleshooter::engine::diagnose;
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

const KB: usize = 1024;
const MB: usize = 1024 * 1024;
/// Keep repeating a measurement until it has used this much time…
const BUDGET: Duration = Duration::from_millis(300);
/// …and has at least this many samples, so a slow input still gets a median.
const MIN_RUNS: usize = 5;
/// The product owner's budget for diagnose ÷ parse.
const TARGET_RATIO: f64 = 2.0;

/// Builds a paste of about the given size in bytes.
type Generator = fn(usize) -> String;

fn main() {
    let mut report = String::new();
    let profile = if cfg!(debug_assertions) {
        "DEBUG build: figures are meaningless, use --release"
    } else {
        "release build"
    };
    line(
        &mut report,
        &format!("ScopeStack troubleshooter: engine benchmark ({profile})"),
    );
    line(
        &mut report,
        &format!(
            "median of >= {MIN_RUNS} runs and >= {} ms per figure; sizes in KiB/MiB",
            BUDGET.as_millis()
        ),
    );
    line(&mut report, "");

    json_table(&mut report);
    line(&mut report, "");
    curl_table(&mut report);

    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/engine-bench.txt");
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&path, &report));
    match written {
        Ok(()) => println!("\n(table written to {})", path.display()),
        Err(e) => eprintln!("\ncannot write {}: {e}", path.display()),
    }
}

/// Prints a line and keeps it for the report file.
fn line(report: &mut String, text: &str) {
    println!("{text}");
    report.push_str(text);
    report.push('\n');
}

fn json_table(report: &mut String) {
    line(
        report,
        "JSON pastes: diagnose(text) vs one serde_json::from_str::<Value>(text)",
    );
    line(
        report,
        &format!(
            "{:<16} {:>9} {:>11} {:>11} {:>7} {:>6} {:>6}  {}",
            "input", "size", "diagnose", "parse", "ratio", "runs-d", "runs-p", "primary"
        ),
    );
    let mut over = Vec::new();
    let kinds: [(&str, Generator); 2] = [
        ("jsonapi-errors", jsonapi_errors),
        ("merge-data-ok", merge_data),
    ];
    for (name, build) in kinds {
        for target in [KB, 100 * KB, 5 * MB] {
            let text = build(target);
            if let Err(e) = serde_json::from_str::<Value>(&text) {
                // A generator bug would silently benchmark the error path.
                eprintln!("generated {name} input is not JSON: {e}");
                std::process::exit(1);
            }
            let primary = diagnose(&text).primary.unwrap_or_else(|| "(none)".into());
            let ((d, d_runs), (p, p_runs)) = median_pair(
                || diagnose(black_box(&text)),
                || serde_json::from_str::<Value>(black_box(&text)),
            );
            let ratio = d.as_secs_f64() / p.as_secs_f64();
            if ratio > TARGET_RATIO {
                over.push(format!("{name} {}", size(text.len())));
            }
            line(
                report,
                &format!(
                    "{:<16} {:>9} {:>11} {:>11} {:>6.2}x {:>6} {:>6}  {}",
                    name,
                    size(text.len()),
                    duration(d),
                    duration(p),
                    ratio,
                    d_runs,
                    p_runs,
                    primary
                ),
            );
        }
    }
    if over.is_empty() {
        line(
            report,
            &format!("target diagnose/parse <= {TARGET_RATIO:.1}x: met at every size"),
        );
    } else {
        line(
            report,
            &format!(
                "target diagnose/parse <= {TARGET_RATIO:.1}x: MISSED at {}",
                over.join(", ")
            ),
        );
    }
}

fn curl_table(report: &mut String) {
    line(
        report,
        "curl -v paste (504 with an HTML body): diagnose throughput",
    );
    line(
        report,
        &format!(
            "{:<16} {:>9} {:>11} {:>9} {:>6}  {}",
            "input", "size", "diagnose", "MB/s", "runs", "primary"
        ),
    );
    let mut rows = Vec::new();
    for target in [MB, 5 * MB / 2, 5 * MB] {
        let text = curl_verbose_504(target);
        let primary = diagnose(&text).primary.unwrap_or_else(|| "(none)".into());
        let (d, runs) = median(|| diagnose(black_box(&text)));
        let mbps = text.len() as f64 / MB as f64 / d.as_secs_f64();
        rows.push((text.len(), d, mbps));
        line(
            report,
            &format!(
                "{:<16} {:>9} {:>11} {:>9.1} {:>6}  {}",
                "curl-v-504",
                size(text.len()),
                duration(d),
                mbps,
                runs,
                primary
            ),
        );
    }
    let (first_len, first_d, _) = rows[0];
    let (last_len, last_d, _) = rows[rows.len() - 1];
    let time_ratio = last_d.as_secs_f64() / first_d.as_secs_f64();
    let size_ratio = last_len as f64 / first_len as f64;
    let fastest = rows.iter().map(|r| r.2).fold(0.0, f64::max);
    let slowest = rows.iter().map(|r| r.2).fold(f64::INFINITY, f64::min);
    // Within 30% of each other is "flat" on a shared, noisy machine; a
    // quadratic scan would show 5 MB taking ~25× the 1 MB time instead of ~5×.
    let verdict = if slowest >= 0.7 * fastest {
        "throughput stays roughly flat (linear scaling)"
    } else if time_ratio > size_ratio * 1.3 {
        "throughput FALLS with size (worse than linear)"
    } else {
        "throughput varies by more than 30% between sizes (noise or fixed costs)"
    };
    line(
        report,
        &format!(
            "time 5 MB / 1 MB = {time_ratio:.2} (sizes {size_ratio:.2}x; linear = {size_ratio:.2}): {verdict}"
        ),
    );
}

/// The median duration of `f`, after one warm-up call, and how many samples
/// it is the median of.
fn median<T>(mut f: impl FnMut() -> T) -> (Duration, usize) {
    black_box(f());
    let mut samples = Vec::new();
    let start = Instant::now();
    while samples.len() < MIN_RUNS || start.elapsed() < BUDGET {
        samples.push(time_once(&mut f));
    }
    median_of(samples)
}

/// The medians of `f` and `g`, sampled interleaved (whichever has had less
/// time runs next) so that a burst of load from other processes on a shared
/// machine slows both sides of the ratio alike.
fn median_pair<A, B>(
    mut f: impl FnMut() -> A,
    mut g: impl FnMut() -> B,
) -> ((Duration, usize), (Duration, usize)) {
    black_box(f());
    black_box(g());
    let (mut fs, mut gs) = (Vec::new(), Vec::new());
    let (mut f_total, mut g_total) = (Duration::ZERO, Duration::ZERO);
    while fs.len() < MIN_RUNS || gs.len() < MIN_RUNS || f_total < BUDGET || g_total < BUDGET {
        let f_behind = fs.len() < MIN_RUNS || (f_total < BUDGET && f_total <= g_total);
        if f_behind || (gs.len() >= MIN_RUNS && g_total >= BUDGET) {
            let t = time_once(&mut f);
            f_total += t;
            fs.push(t);
        } else {
            let t = time_once(&mut g);
            g_total += t;
            gs.push(t);
        }
    }
    (median_of(fs), median_of(gs))
}

fn time_once<T>(f: &mut impl FnMut() -> T) -> Duration {
    let t = Instant::now();
    // Dropping the result is timed too: freeing a 5 MB tree is part of what a
    // caller pays for either answer.
    drop(black_box(f()));
    t.elapsed()
}

fn median_of(mut samples: Vec<Duration>) -> (Duration, usize) {
    samples.sort_unstable();
    (samples[samples.len() / 2], samples.len())
}

fn size(bytes: usize) -> String {
    if bytes >= MB - MB / 50 {
        format!("{:.2} MiB", bytes as f64 / MB as f64)
    } else {
        format!("{:.1} KiB", bytes as f64 / KB as f64)
    }
}

fn duration(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.3} s")
    } else if s >= 1e-3 {
        format!("{:.3} ms", s * 1e3)
    } else {
        format!("{:.2} µs", s * 1e6)
    }
}

/// A small deterministic generator (64-bit LCG, Knuth's constants): varied
/// but repeatable inputs without a `rand` dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// Joins items into `prefix item, item, … suffix` with as many items (at
/// least one) as bring the text closest to `target` bytes. `sep` goes between
/// items.
fn grow(
    target: usize,
    prefix: &str,
    sep: &str,
    suffix: &str,
    mut item: impl FnMut(usize) -> String,
) -> String {
    let mut out = String::from(prefix);
    out.push_str(&item(0));
    let mut i = 1;
    while out.len() + suffix.len() < target {
        let next = item(i);
        let with = out.len() + sep.len() + next.len() + suffix.len();
        // Stop short when one more item overshoots by more than we lack.
        if with.saturating_sub(target) > target - (out.len() + suffix.len()) {
            break;
        }
        out.push_str(sep);
        out.push_str(&next);
        i += 1;
    }
    out.push_str(suffix);
    out
}

/// Indents every line of a pretty-printed value, so entries can be appended
/// to a pretty-printed document one at a time.
fn indent(text: &str, by: &str) -> String {
    text.lines()
        .map(|l| format!("{by}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A JSON:API error body as Postman shows it (pretty-printed): at 1 KB a few
/// validation errors, at larger sizes a bulk import's many errors of every
/// kind the API sends.
fn jsonapi_errors(target: usize) -> String {
    let mut rng = Lcg(0x05c0_9e57);
    let attributes = [
        "name",
        "client_id",
        "project_name",
        "quantity",
        "hours",
        "rate",
        "service_id",
        "location_name",
        "email",
        "payment_term_id",
    ];
    grow(target, "{\n  \"errors\": [\n", ",\n", "\n  ]\n}", |i| {
        let attr = rng.pick(&attributes);
        let id = 1000 + rng.below(90_000);
        let entry = match i % 6 {
            0 => json!({
                "title": "can't be blank",
                "detail": format!("{attr} - can't be blank"),
                "code": "100",
                "source": {"pointer": format!("/data/attributes/{attr}")},
                "status": "422"
            }),
            1 => json!({
                "title": "has already been taken",
                "detail": format!("{attr} - has already been taken"),
                "code": "100",
                "source": {"pointer": format!("/data/attributes/{attr}")},
                "status": "422"
            }),
            2 => json!({
                "title": "must exist",
                "detail": "client - must exist",
                "code": "100",
                "source": {"pointer": "/data/relationships/client"},
                "status": "422",
                "meta": {"record": id, "row": i}
            }),
            3 => json!({
                "title": "Invalid field value",
                "detail": format!("{} is not a valid value for {attr}.", rng.below(1_000_000) as f64 / 7.0),
                "code": "103",
                "status": "400"
            }),
            4 => json!({
                "title": "Record not found",
                "detail": format!("The record identified by {id} could not be found."),
                "code": "404",
                "status": "404"
            }),
            _ => json!({
                "title": "is invalid",
                "detail": format!("{attr} - is invalid (row {i} of import batch {})", rng.below(500)),
                "code": "100",
                "source": {"pointer": format!("/data/attributes/{attr}")},
                "status": "422",
                "meta": {"row": i, "value": format!("{attr}-{id}")}
            }),
        };
        indent(
            &serde_json::to_string_pretty(&entry).unwrap_or_default(),
            "    ",
        )
    })
}

/// A successful v2 merge-data response as the API sends it (compact): one
/// project, then as many service locations as the size needs, each with its
/// services, phases, resources and rates.
fn merge_data(target: usize) -> String {
    let mut rng = Lcg(0x3e76_e0a7);
    let cities = [
        "Austin", "Denver", "Chicago", "Boston", "Seattle", "Atlanta", "Toronto", "Dublin",
    ];
    let services = [
        "Firewall Deployment",
        "Wireless Site Survey",
        "SD-WAN Cutover",
        "Microsoft 365 Migration",
        "Backup and Recovery Assessment",
        "Switch Refresh",
        "Endpoint Onboarding",
        "Project Management",
    ];
    let phases = ["Plan", "Design", "Implement", "Test", "Handover"];
    let resources = [
        "Engineer",
        "Senior Engineer",
        "Project Manager",
        "Architect",
    ];
    let project = json!({
        "id": "4821",
        "project_name": "Acme Network Refresh FY25",
        "client_name": "Acme Holdings, Inc.",
        "sales_executive": "Dana Whitfield",
        "created_at": "2025-03-04T15:22:09.000Z",
        "msa_date": "2024-11-01",
        "currency": "USD",
        "payment_terms": {"name": "Net 30", "deposit_percent": 25.0},
        "totals": {"revenue": 184_230.5, "margin": 0.3383, "hours": 1_216.5}
    });
    let prefix = format!(
        "{{\"data\":{{\"id\":\"4821\",\"type\":\"merge-data\",\"attributes\":{{\"version\":2,\"project\":{},\"locations\":[",
        serde_json::to_string(&project).unwrap_or_default()
    );
    grow(target, &prefix, ",", "]}}}", |i| {
        let city = rng.pick(&cities);
        // One service at the first site keeps the smallest paste near 1 KB.
        let service_count = 1 + (i % 4) as u64;
        let service_list: Vec<Value> = (0..service_count)
            .map(|s| {
                let hours = (1 + rng.below(160)) as f64 / 2.0;
                let rate = 125.0 + rng.below(100) as f64;
                json!({
                    "id": format!("{}", 70_000 + i * 10 + s as usize),
                    "name": rng.pick(&services),
                    "phase": rng.pick(&phases),
                    "quantity": 1 + rng.below(24),
                    "hours": hours,
                    "resource": {"name": rng.pick(&resources), "hourly_rate": rate},
                    "extended_price": (hours * rate * 100.0).round() / 100.0,
                    "optional": rng.below(5) == 0,
                    "service_description": format!(
                        "Deliver {} at the {city} site, including documentation and handover.",
                        rng.pick(&services).to_lowercase()
                    ),
                    "tasks": (0..rng.below(3)).map(|t| json!({
                        "name": format!("Task {t}"), "hours": rng.below(16)
                    })).collect::<Vec<_>>()
                })
            })
            .collect();
        let location = json!({
            "id": format!("{}", 9_000 + i),
            "name": format!("{city} Site {}", i + 1),
            "address": {
                "street": format!("{} Main Street", 100 + rng.below(9_800)),
                "city": city,
                "postal_code": format!("{:05}", rng.below(99_999)),
                "country": "US"
            },
            "remote": rng.below(4) == 0,
            "services": service_list
        });
        serde_json::to_string(&location).unwrap_or_default()
    })
}

/// A `curl -v` paste of a merge-data call that hit the load balancer's 504,
/// with a big HTML body (an error page padded with a status report) so that
/// only scanning, not parsing, decides the cost.
fn curl_verbose_504(target: usize) -> String {
    let mut rng = Lcg(0x0c02_1504);
    let words = [
        "gateway", "upstream", "request", "timeout", "service", "region", "healthy", "draining",
        "target", "latency", "p99", "retry", "queue", "worker", "pool",
    ];
    let head = "$ curl -v -H \"Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJlLWJ5dGVz\" -H \"Accept: application/vnd.api+json\" https://api.scopestack.io/acme/v1/projects/4821/merge-data\n\
*   Trying 52.84.12.7:443...\n\
* Connected to api.scopestack.io (52.84.12.7) port 443 (#0)\n\
* ALPN: offers h2,http/1.1\n\
* SSL connection using TLSv1.3 / TLS_AES_128_GCM_SHA256\n\
* Server certificate:\n\
*  subject: CN=*.scopestack.io\n\
> GET /acme/v1/projects/4821/merge-data HTTP/2\n\
> Host: api.scopestack.io\n\
> User-Agent: curl/8.4.0\n\
> Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJlLWJ5dGVz\n\
> Accept: application/vnd.api+json\n\
>\n\
< HTTP/2 504\n\
< date: Tue, 11 Mar 2025 17:02:44 GMT\n\
< content-type: text/html\n\
< server: awselb/2.0\n\
<\n\
<html>\n\
<head><title>504 Gateway Time-out</title></head>\n\
<body>\n\
<center><h1>504 Gateway Time-out</h1></center>\n\
<table class=\"status\">\n";
    let tail =
        "</table>\n</body>\n</html>\n* Connection #0 to host api.scopestack.io left intact\n";
    grow(target, head, "", tail, |i| {
        let mut row = String::with_capacity(160);
        let _ = writeln!(
            row,
            "<tr><td class=\"n\">{i}</td><td>{}</td><td>{} {} {}</td><td>{} ms</td></tr>",
            rng.pick(&["ok", "warn", "fail"]),
            rng.pick(&words),
            rng.pick(&words),
            rng.pick(&words),
            rng.below(30_000)
        );
        if i % 50 == 0 {
            row.push_str("<!-- a padding to disable MSIE and Chrome friendly error page -->\n");
        }
        row
    })
}
