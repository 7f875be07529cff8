//! Embeds the translations of the built-in plans that exist in `plans/`
//! (`NAME.LANG.ftl`, beside `NAME.toml`): the list is generated, so a
//! translation is picked up by adding its file, with no code to change.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=plans");
    // read when the script runs, not when it is built: a build directory
    // copied beside another checkout must read this checkout's plans
    let dir = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("plans");
    let mut found: Vec<(String, String, String)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let Some(stem) = name.strip_suffix(".ftl") else {
                continue;
            };
            let Some((plan, lang)) = stem.rsplit_once('.') else {
                continue;
            };
            found.push((
                plan.to_string(),
                lang.to_string(),
                path.display().to_string(),
            ));
        }
    }
    found.sort();
    let mut out = String::from(
        "/// Built-in plans' translations: (plan, language, Fluent text).\n\
         pub(crate) const BUILTIN_PLAN_TEXTS: &[(&str, &str, &str)] = &[\n",
    );
    for (plan, lang, path) in &found {
        let _ = writeln!(out, "    ({plan:?}, {lang:?}, include_str!({path:?})),");
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("plan_texts.rs");
    if let Err(e) = std::fs::write(&target, out) {
        println!("cargo:warning=cannot write {}: {e}", target.display());
        std::process::exit(1);
    }
}
