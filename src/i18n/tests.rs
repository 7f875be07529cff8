//! The catalogs are complete and well-formed; locale values are read the
//! POSIX way; the built-in plans' translations cover every text.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use fluent_syntax::ast;

use super::*;
use crate::config::{BUILTIN_PLANS, plan_file_text_keys};

// ------------------------------------------------------------ catalogs

/// Variables a pattern uses (in placeables, selectors and call arguments).
fn pattern_vars(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for e in &p.elements {
        if let ast::PatternElement::Placeable { expression } = e {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, out),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
            for a in &arguments.named {
                inline_vars(&a.value, out);
            }
        }
        _ => {}
    }
}

/// Each message (and `message.attribute`) of a catalog with the variables
/// it uses; panics with the parser's errors if it does not parse.
fn catalog(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let source = lang.source();
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((_, errors)) => panic!("i18n/{}.ftl does not parse: {errors:?}", lang.tag()),
    };
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        match entry {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(v) = &m.value {
                    pattern_vars(v, &mut vars);
                }
                let dup = out.insert(m.id.name.to_string(), vars);
                assert!(dup.is_none(), "{}: `{}` twice", lang.tag(), m.id.name);
                for a in &m.attributes {
                    let mut vars = BTreeSet::new();
                    pattern_vars(&a.value, &mut vars);
                    out.insert(format!("{}.{}", m.id.name, a.id.name), vars);
                }
            }
            ast::Entry::Term(t) => {
                let mut vars = BTreeSet::new();
                pattern_vars(&t.value, &mut vars);
                out.insert(format!("-{}", t.id.name), vars);
            }
            ast::Entry::Junk { content } => panic!("{}: junk {content:?}", lang.tag()),
            _ => {}
        }
    }
    out
}

#[test]
fn every_catalog_parses_and_has_every_message_of_english_and_no_other() {
    let en = catalog(Lang::En);
    assert!(en.len() > 80, "{} messages", en.len());
    for lang in &Lang::ALL[1..] {
        let other = catalog(*lang);
        let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{}.ftl lacks {missing:?}", lang.tag());
        assert!(extra.is_empty(), "{}.ftl has unknown {extra:?}", lang.tag());
    }
}

#[test]
fn every_translation_keeps_the_placeholders_of_english() {
    let en = catalog(Lang::En);
    for lang in &Lang::ALL[1..] {
        let other = catalog(*lang);
        for (id, vars) in &en {
            let Some(theirs) = other.get(id) else {
                continue; // reported by the completeness test
            };
            assert_eq!(
                theirs,
                vars,
                "{}.ftl `{id}`: placeholders differ from English",
                lang.tag()
            );
        }
    }
}

#[test]
fn every_message_formats_without_errors_for_numbers_and_words() {
    let en = catalog(Lang::En);
    for lang in Lang::ALL {
        let m = messages(lang);
        for (id, vars) in en.iter().filter(|(id, _)| !id.contains('.')) {
            for n in [0u32, 1, 2, 5, 21] {
                let args: Vec<Arg> = vars.iter().map(|v| (v.as_str(), n.into())).collect();
                let errors = m.errors(id, &args);
                assert!(errors.is_empty(), "{} `{id}` ({n}): {errors:?}", lang.tag());
            }
            let args: Vec<Arg> = vars.iter().map(|v| (v.as_str(), "word".into())).collect();
            let errors = m.errors(id, &args);
            assert!(
                errors.is_empty(),
                "{} `{id}` (words): {errors:?}",
                lang.tag()
            );
            let text = m.fmt(id, &args);
            assert!(!text.trim().is_empty(), "{} `{id}` is empty", lang.tag());
            assert!(
                !text.contains(['\u{2068}', '\u{2069}']),
                "{} `{id}`: no isolation marks",
                lang.tag()
            );
        }
    }
}

#[test]
fn plurals_follow_each_languages_rules() {
    let still = |lang, days: u32| {
        messages(lang).fmt(
            "summary-still-item",
            &[("what", "X".into()), ("days", days.into())],
        )
    };
    assert_eq!(still(Lang::En, 1), "X (1 more day)");
    assert_eq!(still(Lang::En, 2), "X (2 more days)");
    assert_eq!(still(Lang::De, 1), "X (noch 1 Tag)");
    assert_eq!(still(Lang::De, 21), "X (noch 21 Tage)");
    assert_eq!(still(Lang::Es, 1), "X (falta 1 día)");
    assert_eq!(still(Lang::Es, 5), "X (faltan 5 días)");
    // French: 0 and 1 are singular
    assert_eq!(still(Lang::Fr, 0), "X (encore 0 jour)");
    assert_eq!(still(Lang::Fr, 1), "X (encore 1 jour)");
    assert_eq!(still(Lang::Fr, 2), "X (encore 2 jours)");
    let sent = |lang, n: u32| messages(lang).fmt("count-sent", &[("n", n.into())]);
    assert_eq!(sent(Lang::Es, 1), "1 enviado");
    assert_eq!(sent(Lang::Es, 0), "0 enviados");
    assert_eq!(sent(Lang::Fr, 0), "0 envoyé");
    assert_eq!(sent(Lang::Fr, 21), "21 envoyés");
}

#[test]
fn dates_use_each_languages_names_and_order() {
    let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(); // a Tuesday
    let e = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(); // a Wednesday
    let short = |lang, d| messages(lang).short_date(d);
    assert_eq!(short(Lang::En, d), "Tue 1 Dec");
    assert_eq!(short(Lang::En, e), "Wed 25 Nov");
    assert_eq!(short(Lang::De, d), "Di., 1. Dez.");
    assert_eq!(short(Lang::De, e), "Mi., 25. Nov.");
    assert_eq!(short(Lang::Es, d), "mar, 1 dic");
    assert_eq!(short(Lang::Fr, d), "mar. 1er déc.");
    assert_eq!(short(Lang::Fr, e), "mer. 25 nov.");
    for lang in Lang::ALL {
        let m = messages(lang);
        let months: BTreeSet<String> = (1..=12).map(|i| m.month(i)).collect();
        assert_eq!(months.len(), 12, "{}: twelve month names", lang.tag());
        assert!(months.iter().all(|n| !n.starts_with("month-")));
    }
}

/// Parsing each message when first used (the daemon's catalogs) gives the
/// same texts as parsing the whole catalog at once, for every message of
/// every catalog, with its variables as 1, 2 and 7 (plural forms).
#[test]
fn messages_parsed_one_by_one_read_as_the_whole_catalog_does() {
    for lang in Lang::ALL {
        let whole = super::lang::bundle(lang, lang.source());
        let lazy = Messages::parse(lang, lang.source());
        for (id, vars) in catalog(lang) {
            if id.contains('.') || id.starts_with('-') {
                continue; // attributes and terms: not formatted on their own
            }
            for n in [1, 2, 7] {
                let mut args = FluentArgs::new();
                for v in &vars {
                    args.set(v.as_str(), FluentValue::from(n));
                }
                let Some(pattern) = whole.get_message(&id).and_then(|m| m.value()) else {
                    panic!("{}: `{id}` has no value", lang.tag());
                };
                let mut errors = Vec::new();
                let expected = whole.format_pattern(pattern, Some(&args), &mut errors);
                let list: Vec<Arg<'_>> = vars
                    .iter()
                    .map(|v| (v.as_str(), FluentValue::from(n)))
                    .collect();
                assert_eq!(
                    lazy.try_fmt(&id, &list).as_deref(),
                    Some(expected.as_ref()),
                    "{}: `{id}` with {n}",
                    lang.tag()
                );
            }
        }
    }
}

#[test]
fn an_entry_runs_to_the_next_entry_or_comment_and_the_first_of_a_name_counts() {
    let source = "# a comment\n\
                  status = one\n\
                  status-line = { $n ->\n\
                  \x20   [one] a line\n\
                  \n\
                  \x20  *[other] { $n } lines\n\
                  }\n\
                  \x20   .hint = more\n\
                  -brand = aftercare\n\
                  ## a group\n\
                  status = the second\n";
    assert_eq!(entry_text(source, "status"), Some("status = one\n"));
    assert_eq!(
        entry_text(source, "status-line"),
        Some(
            "status-line = { $n ->\n    [one] a line\n\n   *[other] { $n } lines\n}\n    .hint = more\n"
        )
    );
    assert_eq!(entry_text(source, "-brand"), Some("-brand = aftercare\n"));
    assert_eq!(entry_text(source, "brand"), None);
    assert_eq!(entry_text(source, "stat"), None);
    assert_eq!(
        entry_text("last =\n    on two lines", "last"),
        Some("last =\n    on two lines")
    );
    // a reference to another message or a term is parsed as it turns up
    let m = Messages::parse(
        Lang::En,
        "greet = { -brand } says { hello }\n-brand = aftercare\nhello = hello\n",
    );
    assert_eq!(m.text("greet"), "aftercare says hello");
}

#[test]
fn a_message_missing_from_a_catalog_falls_back_to_english_then_its_id() {
    let de = Messages::parse(Lang::De, "button-done = Erledigt\n");
    assert_eq!(de.text("button-done"), "Erledigt");
    assert_eq!(de.text("button-indoors"), "Indoors today");
    assert_eq!(de.text("no-such-message"), "no-such-message");
}

// -------------------------------------------------------------- locale

fn vars(lc_all: &str, lc_messages: &str, lang: &str, language: &str) -> LocaleVars {
    let v = |s: &str| (!s.is_empty()).then(|| s.to_string());
    LocaleVars {
        lc_all: v(lc_all),
        lc_messages: v(lc_messages),
        lang: v(lang),
        language: v(language),
    }
}

#[test]
fn locale_values_name_their_language() {
    for (value, lang) in [
        ("de_DE.UTF-8", Some("de")),
        ("de_DE.UTF-8@euro", Some("de")),
        ("de_AT", Some("de")),
        ("fr", Some("fr")),
        ("es_ES@valencia", Some("es")),
        ("pt_BR.UTF-8", Some("pt")),
        ("C", None),
        ("C.UTF-8", None),
        ("POSIX", None),
        ("", None),
    ] {
        assert_eq!(locale_language(value), lang, "{value:?}");
    }
}

#[test]
fn the_first_non_empty_of_lc_all_lc_messages_lang_wins() {
    let pick = |v: LocaleVars| from_locale(&v).lang;
    assert_eq!(pick(vars("", "", "de_DE.UTF-8", "")), Lang::De);
    assert_eq!(pick(vars("", "fr_FR.UTF-8", "de_DE.UTF-8", "")), Lang::Fr);
    assert_eq!(
        pick(vars("es_ES.UTF-8", "fr_FR.UTF-8", "de_DE", "")),
        Lang::Es
    );
    // C means untranslated, even with a LANG behind it
    assert_eq!(pick(vars("C", "", "de_DE.UTF-8", "")), Lang::En);
    assert_eq!(pick(vars("", "", "", "")), Lang::En);
    assert_eq!(from_locale(&vars("", "", "", "")), Choice::ENGLISH);
}

#[test]
fn gnu_language_is_a_preference_list_unless_the_locale_is_c() {
    let pick = |v: LocaleVars| from_locale(&v).lang;
    assert_eq!(pick(vars("", "", "de_DE.UTF-8", "fr:de")), Lang::Fr);
    // the first one aftercare has
    assert_eq!(pick(vars("", "", "de_DE.UTF-8", "pt_BR:es:de")), Lang::Es);
    // none it has: the locale's
    assert_eq!(pick(vars("", "", "de_DE.UTF-8", "pt_BR:it")), Lang::De);
    assert_eq!(pick(vars("", "", "C", "fr")), Lang::En);
    assert_eq!(pick(vars("", "", "", "fr")), Lang::En);
}

#[test]
fn an_unknown_language_is_english_with_one_note_naming_it() {
    let c = from_locale(&vars("", "", "pt_BR.UTF-8", ""));
    assert_eq!(c.lang, Lang::En);
    assert_eq!(
        c.note().unwrap(),
        "language \"pt\" (from LANG) is not available; using English (available: en, de, es, fr)"
    );
    let c = Choice::of_tag("pt-BR", Source::Config);
    assert_eq!(c.lang, Lang::En);
    assert!(c.note().unwrap().contains("\"pt-BR\" (from the config)"));
    assert_eq!(Choice::of_tag("de-AT", Source::Config).note(), None);
    assert_eq!(Choice::of_tag("FR", Source::Config).lang, Lang::Fr);
}

#[test]
fn well_formed_tags() {
    for ok in ["de", "en", "pt-BR", "pt_BR", "zh-Hant-TW", "gsw"] {
        assert!(is_well_formed(ok), "{ok}");
    }
    for bad in ["", "d", "deutsch", "de-", "5", "de DE", "de.UTF-8", "C"] {
        assert!(!is_well_formed(bad), "{bad}");
    }
}

// ---------------------------------------------------------- plan texts

#[test]
fn healing_keys_replace_commas() {
    assert_eq!(healing_key("0-1"), "healing-0-1");
    assert_eq!(healing_key("15"), "healing-15");
    assert_eq!(healing_key("1,3, 5"), "healing-1_3_5");
}

#[test]
fn plan_texts_parse_and_refuse_what_a_notification_cannot_carry() {
    let t = PlanTexts::parse("title-a = Eins\nbody-a =\n    Zwei\n    Zeilen\n", Lang::De).unwrap();
    assert_eq!(t.get("title-a").as_deref(), Some("Eins"));
    assert_eq!(t.get("body-a").as_deref(), Some("Zwei\nZeilen"));
    assert_eq!(t.get("title-b"), None);
    assert_eq!(t.keys(), ["title-a", "body-a"]);
    let e = PlanTexts::parse("title-a = Eins\ntitle-b\n", Lang::De).unwrap_err();
    assert!(e.message.contains("not valid Fluent"), "{e:?}");
    assert_eq!(
        &"title-a = Eins\ntitle-b\n"[e.span.start..e.span.start + 1],
        "\n"
    );
    let e = PlanTexts::parse("x = a\ntitle-a = { $who }\n", Lang::De).unwrap_err();
    assert!(e.message.contains("`title-a` cannot be formatted"), "{e:?}");
    assert_eq!(e.span, 6..13);
    let e = PlanTexts::parse("title-a = a\u{7}b\n", Lang::De).unwrap_err();
    assert!(e.message.contains("control character (U+0007)"), "{e:?}");
}

/// What is wrong with `source`, the translation of the plan `toml_text`
/// into `lang` (`file` names it): it is missing, does not parse, lacks the
/// key of one of the plan's texts, or has a key the plan has no text for.
fn translation_problems(
    file: &str,
    toml_text: &str,
    lang: Lang,
    source: Option<&str>,
) -> Vec<String> {
    let keys = plan_file_text_keys(toml_text, file).unwrap();
    let Some(source) = source else {
        return vec![format!("{file}: missing")];
    };
    let texts = match PlanTexts::parse(source, lang) {
        Ok(t) => t,
        Err(e) => return vec![format!("{file}: {} at byte {}", e.message, e.span.start)],
    };
    let mut problems = Vec::new();
    for k in &keys {
        if texts.get(k).is_none() {
            problems.push(format!("{file}: no `{k}`"));
        }
    }
    for k in texts.keys() {
        if !k.starts_with('-') && !keys.contains(k) {
            problems.push(format!("{file}: unknown key `{k}`"));
        }
    }
    problems
}

#[test]
fn the_translation_check_finds_missing_and_unknown_keys() {
    let plan = "description = \"Peel\"\n[reminders.rinse]\ndays = \"0-2\"\nat = [\"09:00\"]\ntitle = \"Rinse\"\nbody = \"Water.\"\n\
        [reminders.pool-ok]\ndays = \"3\"\nat = [\"08:00\"]\nonce = true\nallows = \"pool\"\ntitle = \"Pool\"\n\
        [healing]\n\"0-1\" = \"pink.\"\n\"2,3\" = \"flaking.\"\n";
    let complete = "description = Peeling\ntitle-rinse = Abspülen\nbody-rinse = Wasser.\n\
        title-pool-ok = Schwimmbad\nallows-pool-ok = Schwimmbad\nhealing-0-1 = rosig.\nhealing-2_3 = schuppig.\n";
    let de = Lang::De;
    assert_eq!(
        translation_problems("p.de.ftl", plan, de, Some(complete)),
        Vec::<String>::new()
    );
    let lacking = complete.replace("allows-pool-ok = Schwimmbad\n", "");
    assert_eq!(
        translation_problems("p.de.ftl", plan, de, Some(&lacking)),
        ["p.de.ftl: no `allows-pool-ok`"]
    );
    let extra = format!("{complete}body-pool-ok = Nein.\n");
    assert_eq!(
        translation_problems("p.de.ftl", plan, de, Some(&extra)),
        ["p.de.ftl: unknown key `body-pool-ok`"]
    );
    assert_eq!(
        translation_problems("p.de.ftl", plan, de, None),
        ["p.de.ftl: missing"]
    );
    let broken = translation_problems("p.de.ftl", plan, de, Some("title-rinse\n"));
    assert!(broken[0].contains("not valid Fluent syntax"), "{broken:?}");
    // and a complete translation is what the plan then says
    let t = crate::config::Translation {
        texts: PlanTexts::parse(complete, de).unwrap(),
        origin: "p.de.ftl",
        source: complete,
    };
    let p = crate::config::parse_plan_in(plan, "p.toml", Some(&t)).unwrap();
    assert_eq!(p.description.as_deref(), Some("Peeling"));
    assert_eq!(p.rules[1].allows.as_deref(), Some("Schwimmbad"));
    assert_eq!(p.healing[1].1, "schuppig.");
}

/// For every built-in plan and each language besides English: its
/// translation `plans/NAME.LANG.ftl` exists, parses, and has exactly one
/// key per text of the plan (none missing, none unknown), each formatting
/// without errors; and the plan builds with it.
#[test]
fn every_built_in_plan_is_translated_completely() {
    let mut problems = Vec::new();
    for (name, toml_text) in BUILTIN_PLANS {
        for lang in &Lang::ALL[1..] {
            let file = format!("plans/{name}.{}.ftl", lang.tag());
            let source = crate::config::builtin_plan_texts(name, *lang);
            problems.extend(translation_problems(&file, toml_text, *lang, source));
            if let Some(source) = source {
                // what the program does with it (which, on a fault, would
                // quietly be English)
                let t = crate::config::parse_texts(source, *lang, &file).map(|texts| {
                    crate::config::Translation {
                        texts,
                        origin: &file,
                        source,
                    }
                });
                match t.and_then(|t| crate::config::parse_plan_in(toml_text, name, Some(&t))) {
                    Ok(_) => {}
                    Err(e) => problems.push(format!("{file}: {e}")),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
