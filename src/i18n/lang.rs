//! The languages aftercare speaks, and a Fluent bundle in one of them.

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;

/// A language aftercare speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    De,
    Es,
    Fr,
}

impl Lang {
    /// Every language, English (the reference) first.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::De, Lang::Es, Lang::Fr];

    /// Its tag, as in `language = "de"` and the file names.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::Fr => "fr",
        }
    }

    /// The language of a tag's primary subtag ("de", "de-AT", "de_DE"),
    /// case-insensitive; `None` for one aftercare does not have.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_', '.', '@']).next()?;
        Lang::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(primary))
    }

    /// The message catalog's source.
    pub(super) fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../i18n/en.ftl"),
            Lang::De => include_str!("../../i18n/de.ftl"),
            Lang::Es => include_str!("../../i18n/es.ftl"),
            Lang::Fr => include_str!("../../i18n/fr.ftl"),
        }
    }
}

/// A bundle for `lang` with one resource; Unicode isolation marks off
/// (they would show in notifications and terminals). Parse errors leave
/// out the broken entries (the completeness test has none).
pub(crate) fn bundle(lang: Lang, source: &str) -> FluentBundle<FluentResource> {
    let resource = match FluentResource::try_new(source.to_string()) {
        Ok(r) | Err((r, _)) => r,
    };
    let id = lang
        .tag()
        .parse::<unic_langid::LanguageIdentifier>()
        .unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    // a duplicate entry: the first one counts
    let _ = bundle.add_resource(resource);
    bundle
}
