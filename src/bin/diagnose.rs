//! `diagnose [--json] [FILE]`: the engine for support tooling. Reads FILE (or
//! stdin), prints the diagnosis as the DESIGN.md JSON or as a plain report.

use scopestack_troubleshooter::engine::diagnose;
use scopestack_troubleshooter::engine::redact::seal::clean;
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: diagnose [--json] [FILE]\n\
       diagnose --origins\n\
Reads a pasted API error from FILE (or standard input) and prints which part of\n\
ScopeStack's \"API Error Codes\" article applies, with an evidence-backed checklist.\n\
  --json     print the machine-readable JSON instead of the plain report\n\
  --origins  print the API origins live calls may go to, one a line (the build\n\
             writes them into the page's Content-Security-Policy)";

fn main() -> ExitCode {
    let mut json = false;
    let mut file = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json = true,
            "--origins" => {
                let origins = scopestack_troubleshooter::engine::api_facts::DEFAULT_ORIGINS;
                println!("{}", origins.join("\n"));
                return ExitCode::SUCCESS;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            a if a.starts_with('-') && a != "-" => {
                eprintln!("diagnose: unknown option {a}\n{USAGE}");
                return ExitCode::from(2);
            }
            a if file.is_none() => file = Some(a.to_string()),
            a => {
                eprintln!("diagnose: only one FILE is read; {a} is extra\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let bytes = match file.as_deref() {
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
    // The report is built from a sealed diagnosis; the plain one is
    // sealed once more as a whole, like the support message. (The JSON is
    // the contract's shape, field by field, so it is not re-read as text.)
    let text = if json {
        format!("{}\n", d.to_json())
    } else {
        clean(&d.to_text(), &[])
    };
    // A closed pipe (`diagnose x | head`) is the reader's choice, not an error.
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("diagnose: cannot write the report: {e}");
            ExitCode::from(1)
        }
    }
}
