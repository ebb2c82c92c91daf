//! `diagnose [--json | --reply] [FILE]`: the engine for support tooling.
//! Reads FILE (or stdin), prints the diagnosis as the DESIGN.md JSON, as a
//! plain report, or as a reply for the customer. `diagnose --jsonl PATH...`
//! triages many tickets: one JSON line each, a count per section on stderr.

use scopestack_troubleshooter::engine::diagnose;
use scopestack_troubleshooter::engine::redact::seal::clean;
use scopestack_troubleshooter::engine::triage::{export_rows, line, Origin, Tally};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: diagnose [--json | --reply] [FILE]\n\
       diagnose --jsonl [--column NAME] PATH...\n\
       diagnose --origins\n\
Reads a pasted API error from FILE (or standard input) and prints which part of\n\
ScopeStack's \"API Error Codes\" article applies, with an evidence-backed checklist.\n\
  --json     print the machine-readable JSON instead of the plain report\n\
  --reply    print a short reply for the customer, in Markdown\n\
  --jsonl    triage many tickets: each PATH is a file (one ticket), a directory\n\
             (every file in it, recursively, sorted) or, with --column, a CSV or\n\
             JSON export; one JSON line per ticket, a count per section on stderr\n\
  --column NAME  the export's column (or JSON field) that holds the ticket text\n\
  --origins  print the API origins live calls may go to, one a line (the build\n\
             writes them into the page's Content-Security-Policy)";

#[derive(PartialEq)]
enum Mode {
    Text,
    Json,
    Reply,
    Jsonl,
}

fn main() -> ExitCode {
    let mut mode = Mode::Text;
    let mut paths: Vec<String> = Vec::new();
    let mut column = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => mode = Mode::Json,
            "--reply" => mode = Mode::Reply,
            "--jsonl" => mode = Mode::Jsonl,
            "--column" => match args.next() {
                Some(c) => column = Some(c),
                None => return usage("--column needs a NAME"),
            },
            "--origins" => {
                let origins = scopestack_troubleshooter::engine::api_facts::DEFAULT_ORIGINS;
                println!("{}", origins.join("\n"));
                return ExitCode::SUCCESS;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            a if a.starts_with('-') && a != "-" => return usage(&format!("unknown option {a}")),
            a => paths.push(a.to_string()),
        }
    }
    if mode == Mode::Jsonl {
        return triage(&paths, column.as_deref());
    }
    if column.is_some() {
        return usage("--column goes with --jsonl");
    }
    if paths.len() > 1 {
        return usage(&format!("only one FILE is read; {} is extra", paths[1]));
    }
    let bytes = match paths.first().map(String::as_str) {
        None | Some("-") => {
            let mut buf = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut buf) {
                eprintln!("diagnose: cannot read standard input: {e}");
                return ExitCode::from(1);
            }
            buf
        }
        Some(path) => match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("diagnose: cannot read {path}: {e}");
                return ExitCode::from(1);
            }
        },
    };
    // Binary or mixed-encoding pastes are still diagnosed: what is not text
    // becomes U+FFFD and is simply not recognised.
    let text = String::from_utf8_lossy(&bytes);
    let d = diagnose(&text);
    // The report and the reply are built from a sealed diagnosis; as
    // text they are sealed once more as a whole, like the support message.
    // (The JSON is the contract's shape, field by field, so it is not
    // re-read as text.)
    let text = match mode {
        Mode::Json => format!("{}\n", d.to_json()),
        Mode::Reply => clean(&d.reply, &[]),
        _ => clean(&d.to_text(), &[]),
    };
    write_out(text.as_bytes())
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("diagnose: {problem}\n{USAGE}");
    ExitCode::from(2)
}

/// A closed pipe (`diagnose x | head`) is the reader's choice, not an error.
fn write_out(bytes: &[u8]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("diagnose: cannot write the report: {e}");
            ExitCode::from(1)
        }
    }
}

/// `--jsonl`: every ticket of every PATH, in order. A path that cannot be
/// read is reported and skipped; the exit code is 1 if any was.
fn triage(paths: &[String], column: Option<&str>) -> ExitCode {
    if paths.is_empty() {
        return usage("--jsonl needs at least one PATH");
    }
    let mut tally = Tally::default();
    let mut failed = false;
    let mut out = std::io::stdout().lock();
    for path in paths {
        for file in files_under(Path::new(path), &mut failed) {
            let name = file.display().to_string();
            let bytes = match std::fs::read(&file) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("diagnose: cannot read {name}: {e}");
                    failed = true;
                    continue;
                }
            };
            let text = String::from_utf8_lossy(&bytes);
            let tickets = match column {
                None => vec![(Origin::File(name.clone()), text.into_owned())],
                Some(col) => match export_rows(&text, col) {
                    Ok(rows) => rows
                        .into_iter()
                        .map(|(row, t)| {
                            (
                                Origin::Row {
                                    file: name.clone(),
                                    row,
                                },
                                t,
                            )
                        })
                        .collect(),
                    Err(e) => {
                        eprintln!("diagnose: {name}: {e}");
                        failed = true;
                        continue;
                    }
                },
            };
            for (origin, text) in tickets {
                let d = diagnose(&text);
                tally.add(d.primary.as_deref());
                if let Err(e) = writeln!(out, "{}", line(&origin, &d)) {
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        return ExitCode::SUCCESS;
                    }
                    eprintln!("diagnose: cannot write: {e}");
                    return ExitCode::from(1);
                }
            }
        }
    }
    let _ = out.flush();
    eprint!("{}", tally.report());
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The path itself, or every file under a directory, recursively and
/// sorted (an explicit stack: a deep tree is no danger).
fn files_under(root: &Path, failed: &mut bool) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(p) = stack.pop() {
        if !p.is_dir() {
            if p.exists() {
                files.push(p);
            } else {
                eprintln!("diagnose: {} does not exist", p.display());
                *failed = true;
            }
            continue;
        }
        match std::fs::read_dir(&p) {
            Ok(entries) => {
                let mut children: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
                children.sort();
                // Reversed onto the stack, so they come off in order.
                stack.extend(children.into_iter().rev());
            }
            Err(e) => {
                eprintln!("diagnose: cannot read the directory {}: {e}", p.display());
                *failed = true;
            }
        }
    }
    files
}
