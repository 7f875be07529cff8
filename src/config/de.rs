//! The config's own serde deserializer: TOML text is parsed to toml's
//! spanned tree ([`DeTable`]), and the raw structs ([`super::raw`]) are
//! read from that tree here, with an error type of our own.
//!
//! serde reports what went wrong through typed hooks of [`de::Error`]
//! (`unknown_field`, `missing_field`, `invalid_type`, ...); toml's error
//! keeps only their text. [`DeError`] keeps the kind and its data
//! ([`DeKind`]), so the hints in [`super::diagnostic`] are chosen by kind,
//! never by reading a message. The message itself is serde's own wording
//! (made by serde's default for each hook), so what a person reads is what
//! toml showed before.
//!
//! Spans follow toml's rules: an error gets the span of the innermost value
//! being read when it arose (a key's span for an unknown key, the table's
//! for a missing one). `toml::Spanned` and `toml::value::Datetime` are
//! supported through their crates' deserializer helpers
//! ([`serde_spanned::de`], [`toml_datetime::de`]).
//!
//! A syntax error stays toml's ([`ReadError::Syntax`]); whether it is a
//! date-time that is not one is read from the tree toml recovers (a
//! date-time it could not read is kept there empty), not from its wording.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde_spanned::de::SpannedDeserializer;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};
use toml_datetime::de::DatetimeDeserializer;

/// What a value of the config could not be read as, with its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum DeKind {
    /// A key the table does not have, and the keys it has.
    UnknownField {
        key: String,
        allowed: &'static [&'static str],
    },
    /// A required key is absent (its name).
    MissingField(&'static str),
    /// A value of the wrong type: what was found, what was wanted.
    InvalidType { found: String, expected: String },
    /// The right type, a value out of its range (e.g. an integer too large).
    InvalidValue { found: String, expected: String },
    /// A list of the wrong length (e.g. an array where a table belongs).
    InvalidLength { len: usize, expected: String },
    /// A string that names none of an enum's variants.
    UnknownVariant {
        variant: String,
        allowed: &'static [&'static str],
    },
    /// A key given twice (serde's check; TOML's parser finds most first).
    DuplicateField(&'static str),
    /// A number TOML holds but Rust cannot (larger than 128 bits, or a
    /// float that overflows).
    NumberTooLarge,
    /// Anything a `Deserialize` impl reports in words of its own.
    Custom,
}

/// An error reading the config's values, typed, with serde's wording and
/// the span it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DeError {
    pub(super) kind: DeKind,
    /// serde's message for the kind (what toml showed as its message).
    pub(super) message: String,
    /// Byte span in the text: the value, or the key, it is about.
    pub(super) span: Option<Range<usize>>,
}

impl DeError {
    fn new(kind: DeKind, message: impl fmt::Display) -> Self {
        DeError {
            kind,
            message: message.to_string(),
            span: None,
        }
    }

    /// Give the error `span` unless an inner value gave it one already.
    fn at(mut self, span: &Range<usize>) -> Self {
        if self.span.is_none() {
            self.span = Some(span.clone());
        }
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

/// serde's own words for each hook: its default implementations, made
/// through the plain error type of `serde::de::value`.
type Words = de::value::Error;

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new(DeKind::Custom, msg)
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError::new(
            DeKind::InvalidType {
                found: unexp.to_string(),
                expected: exp.to_string(),
            },
            <Words as de::Error>::invalid_type(unexp, exp),
        )
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError::new(
            DeKind::InvalidValue {
                found: unexp.to_string(),
                expected: exp.to_string(),
            },
            <Words as de::Error>::invalid_value(unexp, exp),
        )
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        DeError::new(
            DeKind::InvalidLength {
                len,
                expected: exp.to_string(),
            },
            <Words as de::Error>::invalid_length(len, exp),
        )
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        DeError::new(
            DeKind::UnknownVariant {
                variant: variant.to_string(),
                allowed: expected,
            },
            <Words as de::Error>::unknown_variant(variant, expected),
        )
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        DeError::new(
            DeKind::UnknownField {
                key: field.to_string(),
                allowed: expected,
            },
            <Words as de::Error>::unknown_field(field, expected),
        )
    }

    fn missing_field(field: &'static str) -> Self {
        DeError::new(
            DeKind::MissingField(field),
            <Words as de::Error>::missing_field(field),
        )
    }

    fn duplicate_field(field: &'static str) -> Self {
        DeError::new(
            DeKind::DuplicateField(field),
            <Words as de::Error>::duplicate_field(field),
        )
    }
}

/// Why a text could not be read.
#[derive(Debug)]
pub(super) enum ReadError {
    /// Not TOML: toml's parser error (its message and position).
    Syntax {
        error: Box<toml::de::Error>,
        /// The error is about a date-time value toml could not read
        /// (`date = 2026-02-30`).
        bad_datetime: bool,
    },
    /// TOML, but not the layout: a typed error.
    Value(DeError),
}

/// Parse `text` as TOML and read a `T` from it.
pub(super) fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T, ReadError> {
    let (root, errors) = DeTable::parse_recoverable(text);
    if let Some(error) = errors.into_iter().next() {
        let bad_datetime = error
            .span()
            .is_some_and(|span| unread_datetime_at(root.get_ref(), &span));
        return Err(ReadError::Syntax {
            error: Box::new(error),
            bad_datetime,
        });
    }
    let span = root.span();
    T::deserialize(ValueDe {
        value: DeValue::Table(root.into_inner()),
        span,
    })
    .map_err(ReadError::Value)
}

/// Whether the tree holds, around `span`, a date-time value the parser
/// could not read: it keeps those as a date-time with neither a date nor
/// a time, which a read one always has.
fn unread_datetime_at(table: &DeTable<'_>, span: &Range<usize>) -> bool {
    table.values().any(|v| unread_in(v, span))
}

fn unread_in(v: &Spanned<DeValue<'_>>, span: &Range<usize>) -> bool {
    match v.get_ref() {
        DeValue::Datetime(d) => {
            let here = v.span();
            d.date.is_none() && d.time.is_none() && here.start <= span.start && span.end <= here.end
        }
        DeValue::Array(a) => a.iter().any(|v| unread_in(v, span)),
        DeValue::Table(t) => unread_datetime_at(t, span),
        _ => false,
    }
}

/// One value of the tree and its span.
struct ValueDe<'de> {
    value: DeValue<'de>,
    span: Range<usize>,
}

impl<'de> ValueDe<'de> {
    fn of(v: Spanned<DeValue<'de>>) -> Self {
        let span = v.span();
        ValueDe {
            value: v.into_inner(),
            span,
        }
    }
}

impl<'de> IntoDeserializer<'de, DeError> for ValueDe<'de> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

/// An integer as the widest type that holds it, as toml hands them over.
fn visit_integer<'de, V: Visitor<'de>>(
    digits: &str,
    radix: u32,
    visitor: V,
) -> Result<V::Value, DeError> {
    if let Ok(i) = i64::from_str_radix(digits, radix) {
        visitor.visit_i64(i)
    } else if let Ok(u) = u64::from_str_radix(digits, radix) {
        visitor.visit_u64(u)
    } else if let Ok(i) = i128::from_str_radix(digits, radix) {
        visitor.visit_i128(i)
    } else if let Ok(u) = u128::from_str_radix(digits, radix) {
        visitor.visit_u128(u)
    } else {
        Err(DeError::new(
            DeKind::NumberTooLarge,
            "integer number overflowed",
        ))
    }
}

fn visit_float<'de, V: Visitor<'de>>(text: &str, visitor: V) -> Result<V::Value, DeError> {
    match text.parse::<f64>() {
        // `inf` is a TOML float; 1e999 overflowing to it is not
        Ok(f) if !f.is_infinite() || text.contains("inf") => visitor.visit_f64(f),
        _ => Err(DeError::new(
            DeKind::NumberTooLarge,
            "floating-point number overflowed",
        )),
    }
}

/// Deserializer methods for what a TOML date-time is not: toml hands a
/// date-time over as a map (`toml::Value` and `Datetime` read it so, through
/// `deserialize_any` and `deserialize_struct`); a string, number, list or
/// map wanted where one is written is a wrong type that says so, not
/// "invalid type: map".
macro_rules! not_a_datetime {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            if matches!(self.value, DeValue::Datetime(_)) {
                return Err(self.not(&visitor));
            }
            self.deserialize_any(visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for ValueDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.span;
        match self.value {
            DeValue::String(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            DeValue::String(Cow::Owned(s)) => visitor.visit_string(s),
            DeValue::Integer(i) => visit_integer(i.as_str(), i.radix(), visitor),
            DeValue::Float(f) => visit_float(f.as_str(), visitor),
            DeValue::Boolean(b) => visitor.visit_bool(b),
            DeValue::Datetime(d) => visitor.visit_map(DatetimeDeserializer::new(d)),
            DeValue::Array(a) => visitor.visit_seq(ArrayAccess::new(a)),
            DeValue::Table(t) => visitor.visit_map(TableAccess::new(t)),
        }
        .map_err(|e: DeError| e.at(&span))
    }

    // `None` is a missing key: a present one is always `Some`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.span.clone();
        visitor.visit_some(self).map_err(|e: DeError| e.at(&span))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let span = self.span.clone();
        visitor
            .visit_newtype_struct(self)
            .map_err(|e: DeError| e.at(&span))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if serde_spanned::de::is_spanned(name) {
            let span = self.span.clone();
            return visitor.visit_map(SpannedDeserializer::new(self, span));
        }
        if toml_datetime::de::is_datetime(name) {
            return self.deserialize_any(visitor);
        }
        // serde would name the Rust struct ("expected struct RawRule"),
        // and read a date-time as the map toml hands it over as
        if !matches!(self.value, DeValue::Table(_)) {
            return Err(self.not(&"a table"));
        }
        self.deserialize_any(visitor)
    }

    // Unit variants as strings (no config type has an enum today).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let span = self.span;
        match self.value {
            DeValue::String(s) => {
                visitor.visit_enum(IntoDeserializer::<DeError>::into_deserializer(s))
            }
            other => Err(ValueDe {
                value: other,
                span: span.clone(),
            }
            .not(&"a string")),
        }
        .map_err(|e: DeError| e.at(&span))
    }

    not_a_datetime! {
        deserialize_bool deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_f32 deserialize_f64 deserialize_char deserialize_str
        deserialize_string deserialize_seq deserialize_bytes deserialize_byte_buf
        deserialize_map
    }

    serde::forward_to_deserialize_any! {
        unit ignored_any unit_struct tuple_struct tuple identifier
    }
}

impl ValueDe<'_> {
    /// The value is not what `expected` wants: serde's invalid-type error,
    /// at the value.
    fn not(&self, expected: &dyn de::Expected) -> DeError {
        let written;
        let found = match &self.value {
            DeValue::String(s) => de::Unexpected::Str(s),
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(i) => de::Unexpected::Signed(i),
                Err(_) => de::Unexpected::Other("integer"),
            },
            DeValue::Float(f) => match f.as_str().parse() {
                Ok(f) => de::Unexpected::Float(f),
                Err(_) => de::Unexpected::Other("floating point"),
            },
            DeValue::Boolean(b) => de::Unexpected::Bool(*b),
            DeValue::Datetime(d) => {
                written = format!("date-time `{d}`");
                de::Unexpected::Other(&written)
            }
            DeValue::Array(_) => de::Unexpected::Seq,
            DeValue::Table(_) => de::Unexpected::Map,
        };
        <DeError as de::Error>::invalid_type(found, expected).at(&self.span)
    }
}

/// A table's keys and values; each key's errors point at the key, each
/// value's at the value.
struct TableAccess<'de> {
    entries: toml::map::IntoIter<Spanned<Cow<'de, str>>, Spanned<DeValue<'de>>>,
    value: Option<Spanned<DeValue<'de>>>,
}

impl<'de> TableAccess<'de> {
    fn new(table: DeTable<'de>) -> Self {
        TableAccess {
            entries: table.into_iter(),
            value: None,
        }
    }
}

impl<'de> MapAccess<'de> for TableAccess<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        let span = key.span();
        seed.deserialize(KeyDe {
            key: key.into_inner(),
            span: span.clone(),
        })
        .map(Some)
        .map_err(|e: DeError| e.at(&span))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        match self.value.take() {
            Some(v) => {
                let span = v.span();
                seed.deserialize(ValueDe::of(v))
                    .map_err(|e: DeError| e.at(&span))
            }
            // serde asks for a value only after a key
            None => Err(de::Error::custom("a value was asked for before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An array's values, each with its own span.
struct ArrayAccess<'de> {
    values: std::vec::IntoIter<Spanned<DeValue<'de>>>,
}

impl<'de> ArrayAccess<'de> {
    fn new(array: DeArray<'de>) -> Self {
        ArrayAccess {
            values: array.into_iter(),
        }
    }
}

impl<'de> SeqAccess<'de> for ArrayAccess<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.values.next() {
            Some(v) => seed.deserialize(ValueDe::of(v)).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.values.len())
    }
}

/// A table's key: a string, or a `Spanned` string (the rule names).
struct KeyDe<'de> {
    key: Cow<'de, str>,
    span: Range<usize>,
}

impl<'de> de::Deserializer<'de> for KeyDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.key {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if serde_spanned::de::is_spanned(name) {
            return visitor.visit_map(SpannedDeserializer::new(self.key, self.span));
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool u8 u16 u32 u64 u128 i8 i16 i32 i64 i128 f32 f64 char str string seq
        bytes byte_buf map option unit ignored_any unit_struct tuple_struct tuple
        enum identifier
    }
}

#[cfg(test)]
mod tests {
    use super::super::diagnostic::from_read;
    use super::super::raw::{RawConfig, RawPlan};
    use super::*;

    fn value_error(text: &str) -> DeError {
        match from_str::<RawConfig>(text) {
            Err(ReadError::Value(e)) => e,
            other => panic!("{text:?}: {other:?}"),
        }
    }

    /// The text an error's span covers.
    fn at<'t>(text: &'t str, e: &DeError) -> &'t str {
        &text[e.span.clone().expect("a span")]
    }

    const MIN: &str = "[treatment]\ndate = 2026-11-23\n";

    #[test]
    fn an_unknown_key_in_a_rule_is_typed_with_its_key_span() {
        for rest in [
            "[reminders.sunscreen]\nevry = \"2h\"\n",
            "[reminders]\nsunscreen = { days = \"1\", evry = \"2h\" }\n",
            "[reminders]\nsunscreen.evry = \"2h\"\n",
        ] {
            let text = format!("{MIN}{rest}");
            let e = value_error(&text);
            let DeKind::UnknownField { key, allowed } = &e.kind else {
                panic!("{rest:?}: {e:?}");
            };
            assert_eq!(key, "evry");
            assert!(allowed.contains(&"every") && allowed.contains(&"title"));
            assert_eq!(at(&text, &e), "evry", "{rest:?}");
            assert!(
                e.message
                    .starts_with("unknown field `evry`, expected one of `enabled`")
            );
            assert!(e.kind.is_unknown("evry") && !e.kind.is_unknown("every"));
        }
    }

    #[test]
    fn a_missing_date_is_typed_at_its_table() {
        let text = "[treatment]\ntime = \"14:30\"\n";
        let e = value_error(text);
        assert_eq!(e.kind, DeKind::MissingField("date"));
        assert_eq!(e.message, "missing field `date`");
        assert_eq!(e.span.as_ref().map(|s| s.start), Some(0), "{e:?}");
        let inline = "treatment = { time = \"14:30\" }\n";
        let e = value_error(inline);
        assert_eq!(e.kind, DeKind::MissingField("date"));
        assert_eq!(at(inline, &e), "{ time = \"14:30\" }");
    }

    #[test]
    fn a_wrong_type_is_typed_with_what_was_found_and_wanted() {
        let text = format!("{MIN}time = 8\n");
        let e = value_error(&text);
        assert_eq!(
            e.kind,
            DeKind::InvalidType {
                found: "integer `8`".into(),
                expected: "a string".into()
            }
        );
        assert_eq!(at(&text, &e), "8");
        // in a list: at the element
        let text = format!("{MIN}[reminders.x]\nat = [\"09:00\", 9]\n");
        let e = value_error(&text);
        assert!(matches!(&e.kind, DeKind::InvalidType { found, .. } if found == "integer `9`"));
        assert_eq!(at(&text, &e), "9");
        // a list where a table belongs
        let e = value_error("treatment = []\n");
        assert_eq!(
            e.kind,
            DeKind::InvalidType {
                found: "sequence".into(),
                expected: "a table".into()
            }
        );
    }

    #[test]
    fn a_date_time_or_a_list_where_it_does_not_belong_says_what_it_is() {
        // an unquoted time is a TOML local time, not a string
        let text = format!("{MIN}time = 14:30:00\n");
        let e = value_error(&text);
        assert_eq!(
            e.kind,
            DeKind::InvalidType {
                found: "date-time `14:30:00`".into(),
                expected: "a string".into()
            }
        );
        assert_eq!(
            e.message,
            "invalid type: date-time `14:30:00`, expected a string"
        );
        assert_eq!(at(&text, &e), "14:30:00");
        // a table's place: not serde's struct names, not toml's private
        // date-time key as an unknown field
        for (text, found, spot) in [
            (
                "treatment = 2026-11-23\n",
                "date-time `2026-11-23`",
                "2026-11-23",
            ),
            ("treatment = 5\n", "integer `5`", "5"),
            (
                "[[treatment]]\ndate = 2026-11-23\n",
                "sequence",
                "[[treatment]]",
            ),
            (
                "[treatment]\ndate = 2026-11-23\n[reminders]\nx = \"a\"\n",
                "string \"a\"",
                "\"a\"",
            ),
        ] {
            let e = value_error(text);
            assert_eq!(
                e.kind,
                DeKind::InvalidType {
                    found: found.into(),
                    expected: "a table".into()
                },
                "{text:?}"
            );
            assert_eq!(at(text, &e), spot, "{text:?}");
        }
    }

    #[test]
    fn numbers_out_of_range_are_typed() {
        let text = format!(
            "{MIN}[reminders.x]\nrepeat_max = 99999999999999999999\n[location]\nlatitude = 1\nlongitude = 1\n"
        );
        let e = value_error(&text);
        assert!(
            matches!(&e.kind, DeKind::InvalidType { expected, .. } if expected == "i64"),
            "{e:?}"
        );
        assert_eq!(at(&text, &e), "99999999999999999999");
        let text = format!("{MIN}[location]\nlatitude = 1e999\nlongitude = 1\n");
        let e = value_error(&text);
        assert_eq!(e.kind, DeKind::NumberTooLarge);
        assert_eq!(at(&text, &e), "1e999");
        // inf is a TOML float, read as one
        let text = format!("{MIN}[location]\nlatitude = inf\nlongitude = -inf\n");
        let raw = from_str::<RawConfig>(&text).unwrap();
        let l = raw.location.unwrap().into_inner();
        assert!(l.latitude.get_ref().is_infinite());
    }

    #[test]
    fn a_date_that_does_not_exist_is_told_by_our_date_parser() {
        for (date, days) in [
            ("2026-02-30", "February 2026 has 28 days"),
            ("2026-11-31", "November has 30 days"),
        ] {
            let text = format!("[treatment]\ndate = {date}\n");
            let e = from_str::<RawConfig>(&text).unwrap_err();
            assert!(
                matches!(
                    e,
                    ReadError::Syntax {
                        bad_datetime: true,
                        ..
                    }
                ),
                "{e:?}"
            );
            let (err, kind) = from_read("c.toml", &text, &e);
            assert_eq!(kind, None);
            assert_eq!(err.position, Some((2, 8)));
            assert!(err.hint.unwrap().starts_with(days));
        }
        // not a day the month lacks: the general date hint
        let text = "[treatment]\ndate = 2026-13-01\n";
        let e = from_str::<RawConfig>(text).unwrap_err();
        assert!(matches!(
            e,
            ReadError::Syntax {
                bad_datetime: true,
                ..
            }
        ));
        let hint = from_read("c.toml", text, &e).0.hint.unwrap();
        assert!(hint.starts_with("write a real calendar date"), "{hint}");
    }

    #[test]
    fn other_syntax_errors_are_not_dates() {
        for text in [
            "[treatment\ndate = 2026-11-23\n",
            "date = = 1\n",
            // a key that looks like a date, given twice
            "[treatment]\ndate = 2026-11-23\n[healing]\n0-3 = \"a\"\n0-3 = \"b\"\n",
        ] {
            let e = from_str::<RawConfig>(text).unwrap_err();
            assert!(
                matches!(
                    e,
                    ReadError::Syntax {
                        bad_datetime: false,
                        ..
                    }
                ),
                "{text:?}: {e:?}"
            );
            let hint = from_read("c.toml", text, &e).0.hint.unwrap();
            assert!(hint.starts_with("this is a TOML syntax error"), "{hint}");
        }
    }

    #[test]
    fn spans_datetimes_and_values_are_read_as_toml_reads_them() {
        let text = "[treatment]\ndate = [2026-11-23, \"2027-01-04\"]\ntime = \"14:30\"\n[reminders.zinc]\ndays = 3\n[healing]\n\"0-3\" = \"red\"\n";
        let raw = from_str::<RawConfig>(text).unwrap();
        let t = raw.treatment.unwrap().into_inner();
        assert_eq!(&text[t.date.span()], "[2026-11-23, \"2027-01-04\"]");
        let toml::Value::Array(dates) = t.date.get_ref() else {
            panic!("{:?}", t.date);
        };
        assert!(matches!(&dates[0], toml::Value::Datetime(d) if d.to_string() == "2026-11-23"));
        assert_eq!(dates[1].as_str(), Some("2027-01-04"));
        let time = t.time.unwrap();
        assert_eq!(
            (time.get_ref().as_str(), &text[time.span()]),
            ("14:30", "\"14:30\"")
        );
        let (name, rule) = raw.reminders.iter().next().unwrap();
        assert_eq!(
            (name.get_ref().as_str(), &text[name.span()]),
            ("zinc", "zinc")
        );
        let days = rule.get_ref().days.as_ref().unwrap();
        assert_eq!(days.get_ref().as_integer(), Some(3));
        let (range, _) = raw.healing.iter().next().unwrap();
        assert_eq!(&text[range.span()], "\"0-3\"");
    }

    #[test]
    fn a_plan_file_reports_a_config_table_as_an_unknown_key() {
        let text = "[treatment]\ndate = 2026-11-23\n";
        let Err(ReadError::Value(e)) = from_str::<RawPlan>(text) else {
            panic!("accepted");
        };
        assert!(e.kind.is_unknown("treatment"), "{e:?}");
        assert_eq!(at(text, &e), "treatment");
    }
}
