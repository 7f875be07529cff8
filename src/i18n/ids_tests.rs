//! Every message id the code uses is in the English catalog: a missing one
//! would show the person its raw id (`Messages::fmt` falls back to it).
//!
//! The test reads the sources: the first argument of every `.text(` and
//! `.fmt(` call. A string literal there is an id; an id built with
//! `format!("prefix-{…}")` is a family whose members are listed below (a
//! new family fails the test until it is listed); any other argument fails
//! it too, so that every id stays visible to this test.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::ledger::Status;

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The text of the first argument of the call whose `(` is at `open`.
fn first_argument(text: &str, open: usize) -> &str {
    let mut depth = 0usize;
    let mut in_str = false;
    let mut escaped = false;
    for (i, c) in text[open..].char_indices() {
        if in_str {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 1 => return &text[open + 1..open + i],
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 1 => return &text[open + 1..open + i],
            _ => {}
        }
    }
    &text[open + 1..]
}

/// The string literals in `s`.
fn literals(s: &str) -> Vec<&str> {
    s.split('"').skip(1).step_by(2).collect()
}

/// The members of each family of ids built at run time.
fn family(prefix: &str, config_error_doings: &BTreeSet<String>) -> Option<Vec<String>> {
    let labels = || Status::ALL.iter().map(|s| s.label().to_string());
    Some(match prefix {
        "status-" => labels().map(|l| format!("status-{l}")).collect(),
        "count-" => labels().map(|l| format!("count-{l}")).collect(),
        "month-" => (1..=12).map(|m| format!("month-{m}")).collect(),
        "config-error-title-" => config_error_doings
            .iter()
            .map(|d| format!("config-error-title-{d}"))
            .collect(),
        _ => return None,
    })
}

#[test]
fn every_message_id_the_code_uses_is_in_the_english_catalog() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let en = std::fs::read_to_string(root.join("i18n/en.ftl")).unwrap();
    let known: BTreeSet<&str> = en
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim()))
        .collect();
    assert!(known.len() > 50, "the catalog was read: {}", known.len());

    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    files.sort();
    let texts: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|p| {
            let t = std::fs::read_to_string(&p).unwrap();
            (p, t)
        })
        .collect();
    // `config_error(d, &e, "previous", now)`: what the config-error note's
    // title says the daemon does
    let mut doings = BTreeSet::new();
    for (_, t) in &texts {
        for (at, _) in t.match_indices("config_error(") {
            let args = first_argument(t, at + "config_error".len());
            let call = &t[at..(at + 200).min(t.len())];
            if args.starts_with("d") || args.starts_with("&mut d") {
                if let Some(doing) = literals(call).first() {
                    doings.insert(doing.to_string());
                }
            }
        }
    }
    assert!(
        doings.contains("last-good") && doings.contains("previous"),
        "{doings:?}"
    );

    let mut used = BTreeSet::new();
    let mut problems = Vec::new();
    for (path, t) in &texts {
        let name = path.strip_prefix(root).unwrap().display().to_string();
        // unit tests walk the catalogs by id, and ask for missing ones
        if name.ends_with("tests.rs") {
            continue;
        }
        for call in [".text(", ".fmt("] {
            for (at, _) in t.match_indices(call) {
                let line = t[..at].matches('\n').count() + 1;
                let arg = first_argument(t, at + call.len() - 1).trim();
                // not a catalog look-up: another type's method of the
                // same name (`Formatter`, a test's own helper) takes no
                // id-like first argument
                if arg.is_empty() || arg == "self" || arg.starts_with("&[") {
                    continue;
                }
                // the catalog's own `text` passes its id on to `fmt`
                if name == "src/i18n/mod.rs" && arg == "id" {
                    continue;
                }
                if let Some(rest) = arg.strip_prefix("&format!(\"") {
                    let prefix = &rest[..rest.find('{').unwrap_or(0)];
                    match family(prefix, &doings) {
                        Some(members) => used.extend(members),
                        None => problems.push(format!(
                            "{name}:{line}: ids `{prefix}…` are built at run time: list their members in ids_tests.rs"
                        )),
                    }
                    continue;
                }
                let ids = literals(arg);
                if ids.is_empty() {
                    problems.push(format!(
                        "{name}:{line}: `{call}{arg}`: write the message id as a literal, so this test sees it"
                    ));
                }
                used.extend(ids.iter().map(|s| s.to_string()));
            }
        }
    }
    for id in &used {
        if !known.contains(id.as_str()) {
            problems.push(format!("`{id}` is used but not in i18n/en.ftl"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(used.len() > 50, "ids were found: {}", used.len());
}

#[test]
fn the_scan_sees_literals_families_and_hidden_ids() {
    let t = r#"m.fmt(
        "summary-still",
        &[("list", x)],
    ); m.text(if a { "dir-south" } else { "dir-north" }); m.text(&format!("month-{m}"));"#;
    let at = t.find(".fmt(").unwrap() + ".fmt".len();
    assert_eq!(literals(first_argument(t, at)), ["summary-still"]);
    let at = t.find(".text(").unwrap() + ".text".len();
    assert_eq!(literals(first_argument(t, at)), ["dir-south", "dir-north"]);
    let at = t.rfind(".text(").unwrap() + ".text".len();
    assert_eq!(first_argument(t, at), "&format!(\"month-{m}\")");
    assert_eq!(family("nope-", &BTreeSet::new()), None);
}
