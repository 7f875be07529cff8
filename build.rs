//! Embeds the translations of the built-in plans that exist in `plans/`
//! (`NAME.LANG.ftl`, beside `NAME.toml`): the list is generated, so a
//! translation is picked up by adding its file, with no code to change.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=plans");
    pack_relocations();
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

/// Release builds of the binary for glibc pack their relative relocations
/// (`DT_RELR`): 5,455 of the 5,605 relocations are relative, and their
/// 134 KB table, read by the loader at every start, becomes 2 KB; the
/// binary is 0.12 MB smaller and about 100 KiB less of it is resident
/// (docs/performance.md). Needs binutils >= 2.38 to link (Debian 12 has
/// 2.40; an older ld ignores the option with a warning) and glibc >= 2.36
/// to run (Debian 12 has 2.36; the package's `Depends` says so, from the
/// binary's `GLIBC_ABI_DT_RELR`). Only when building on the machine it is
/// for, with a glibc that has it: a build on an older system (Ubuntu 22.04
/// has 2.35) keeps the classic table and runs there. Debug builds (the
/// tests') are left as they are.
fn pack_relocations() {
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if var("PROFILE") == "release"
        && var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu"
        && var("HOST") == var("TARGET")
        && glibc_at_least(2, 36)
    {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// Whether this machine's glibc is at least `major.minor`
/// (`getconf GNU_LIBC_VERSION` prints "glibc 2.36"); no when unknown.
fn glibc_at_least(major: u32, minor: u32) -> bool {
    let Ok(out) = std::process::Command::new("getconf")
        .arg("GNU_LIBC_VERSION")
        .output()
    else {
        return false;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text
        .trim()
        .strip_prefix("glibc ")
        .unwrap_or_default()
        .split('.')
        .map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(a), Some(b)) => (a, b) >= (major, minor),
        _ => false,
    }
}
