//! Bulk triage speed: tickets per second on one core, for tickets of about
//! 2 KB (each fixture paste, cut or padded with a support chat's prose),
//! through exactly what `diagnose --jsonl` does per ticket.
//!
//! `cargo run --release --example triage_bench` (goal: at least 1,000/s).

use scopestack_troubleshooter::engine::diagnose;
use scopestack_troubleshooter::engine::triage::{line, Origin, Tally};
use std::time::Instant;

const SIZE: usize = 2048;
const PROSE: &str =
    "Hi team, our integration stopped working this morning and we are not sure why. \
We did not change anything on our side as far as I know. Could you take a look? Thanks a lot.\n";

fn tickets() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter_map(|t| t.split_once("=== paste ===\n").map(|(_, p)| p.to_string()))
        .map(|paste| {
            let mut t = String::with_capacity(SIZE + PROSE.len());
            while t.len() + paste.len() < SIZE {
                t.push_str(PROSE);
            }
            t.push_str(&paste);
            let mut cut = SIZE.min(t.len());
            while !t.is_char_boundary(cut) {
                cut -= 1;
            }
            t.truncate(cut);
            t
        })
        .collect()
}

fn main() {
    let tickets = tickets();
    let rounds = 20;
    let mut tally = Tally::default();
    let mut bytes = 0usize;
    // One warm-up round, then the timed ones.
    for t in &tickets {
        std::hint::black_box(diagnose(t));
    }
    let start = Instant::now();
    for round in 0..rounds {
        for (i, t) in tickets.iter().enumerate() {
            let d = diagnose(t);
            tally.add(d.primary.as_deref());
            let origin = Origin::Row {
                file: "bench".into(),
                row: round * tickets.len() + i + 1,
            };
            bytes += std::hint::black_box(line(&origin, &d)).len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let n = rounds * tickets.len();
    let avg = tickets.iter().map(String::len).sum::<usize>() / tickets.len().max(1);
    println!(
        "triage: {n} tickets (avg {avg} bytes) in {secs:.2} s on one core: {:.0} tickets/s ({bytes} bytes of JSON lines)",
        n as f64 / secs
    );
}
