//! The code map (CODEMAP.md) names every file of the engine, and the leaves
//! it names stay leaves: the helpers below everything use nothing above them.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn read(rel: &str) -> String {
    fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_engine_file_is_on_the_map() {
    let map = read("CODEMAP.md");
    let engine = root().join("src/engine");
    let mut files = Vec::new();
    rust_files(&engine, &mut files);
    assert!(files.len() > 40, "found only {} engine files", files.len());
    for file in files {
        let rel = file
            .strip_prefix(&engine)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        let name = rel.rsplit('/').next().unwrap_or(&rel).to_string();
        let folder = rel.rsplit_once('/').map(|(f, _)| format!("`{f}/"));
        // Named in full, or by its name on a line of its folder's files.
        let named = map.contains(&format!("`{rel}`"))
            || map.lines().any(|line| {
                line.contains(&format!("`{name}`"))
                    && folder.as_deref().is_none_or(|f| line.contains(f))
            });
        assert!(named, "CODEMAP.md does not name src/engine/{rel}");
    }
    for top in [
        "src/widget/",
        "src/live/",
        "src/bin/",
        "static/kb.json",
        "static/lint.json",
    ] {
        assert!(map.contains(top), "CODEMAP.md does not name {top}");
    }
}

#[test]
fn the_leaves_use_nothing_above_them() {
    for file in ["url.rs", "percent.rs", "quote.rs"] {
        let src = read(&format!("src/engine/util/{file}"));
        // A leaf's own unit tests (`use super::*` in `mod tests`) are not an
        // import of the engine.
        let src = src.split("#[cfg(test)]").next().unwrap_or_default();
        assert!(
            !src.contains("crate::engine") && !src.contains("super::"),
            "util/{file} reaches into the engine"
        );
    }
    let facts = read("src/engine/api_facts.rs");
    for line in facts.lines().filter(|l| l.starts_with("use ")) {
        assert!(
            line.starts_with("use super::display::"),
            "api_facts.rs uses more than display: {line}"
        );
    }
    let json_value = read("src/engine/evidence/json_value.rs");
    for above in [
        "super::json::",
        "har::",
        "platforms::",
        "traces::",
        "super::json;",
    ] {
        assert!(
            !json_value.contains(above),
            "evidence/json_value.rs reaches up to {above}"
        );
    }
    for (file, siblings) in [
        ("src/engine/signals/out.rs", &["super::"][..]),
        ("src/engine/signals/bearer.rs", &["super::"][..]),
        (
            "src/engine/live/lint/finding.rs",
            &["request::", "token::"][..],
        ),
    ] {
        let src = read(file);
        for s in siblings {
            assert!(!src.contains(s), "{file} reaches into {s}");
        }
    }
}
