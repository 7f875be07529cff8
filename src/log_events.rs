//! A test hook: with `AFTERCARE_LOG_EVENTS=1`, every named log event
//! (`info!(name: "sent", …)`) is also written to standard error as one
//! machine-readable line, `aftercare-event {"event":"sent",…fields}`, so
//! that tests wait on events rather than on the wording of the human log,
//! which stays as it is. Unnamed events are not written; message bodies
//! are never fields (privacy: logs never dump them).

use std::io::Write;

use serde_json::{Map, Value};
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::Context;

/// The prefix of each event line.
pub(crate) const PREFIX: &str = "aftercare-event ";

/// Writes named events as JSON lines (see the module's text).
#[derive(Debug, Default)]
pub(crate) struct Events;

impl Events {
    /// The layer when the environment asks for it.
    pub(crate) fn from_env() -> Option<Events> {
        (std::env::var_os("AFTERCARE_LOG_EVENTS").is_some_and(|v| v == "1")).then_some(Events)
    }
}

/// The event's fields as JSON values.
struct Fields(Map<String, Value>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(
            field.name().to_string(),
            Value::String(format!("{value:?}")),
        );
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0
            .insert(field.name().to_string(), Value::String(value.to_string()));
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.0.insert(field.name().to_string(), Value::from(value));
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name().to_string(), Value::from(value));
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.0.insert(field.name().to_string(), Value::from(value));
    }
}

/// The line for an event called `name` with `fields`.
fn line(name: &str, mut fields: Map<String, Value>) -> String {
    fields.remove("message");
    fields.insert("event".into(), Value::String(name.to_string()));
    format!("{PREFIX}{}\n", Value::Object(fields))
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Events {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        let name = event.metadata().name();
        // unnamed events are called "event FILE:LINE"
        if name.starts_with("event ") {
            return;
        }
        let mut fields = Fields(Map::new());
        event.record(&mut fields);
        let _ = std::io::stderr().write_all(line(name, fields.0).as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_is_its_name_and_fields_on_one_line_without_the_wording() {
        let mut f = Map::new();
        f.insert("message".into(), "sent".into());
        f.insert("rule".into(), "a".into());
        f.insert("late_ms".into(), 12.into());
        let l = line("sent", f);
        assert!(l.starts_with(PREFIX) && l.ends_with('\n') && l.matches('\n').count() == 1);
        let v: Value = serde_json::from_str(l[PREFIX.len()..].trim()).unwrap();
        assert_eq!(v["event"], "sent");
        assert_eq!(v["rule"], "a");
        assert_eq!(v["late_ms"], 12);
        assert!(v.get("message").is_none());
    }

    /// The event names in the code (`name: "…"` in a log call).
    fn names_in(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                names_in(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for line in text.lines() {
                    let line = line.trim_start();
                    let at = match line.find("(name: \"") {
                        Some(i) => i + "(name: \"".len(),
                        None if line.starts_with("name: \"") => "name: \"".len(),
                        None => continue,
                    };
                    let rest = &line[at..];
                    out.push(rest[..rest.find('"').unwrap()].to_string());
                }
            }
        }
    }

    #[test]
    fn every_event_is_listed_in_the_architecture_notes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut names = Vec::new();
        names_in(&root.join("src"), &mut names);
        assert!(names.len() >= 30, "{names:?}");
        let docs = std::fs::read_to_string(root.join("docs/architecture.md")).unwrap();
        let listed = &docs[docs.find("AFTERCARE_LOG_EVENTS=1").unwrap()..];
        for name in names {
            let word = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            let found = listed.match_indices(name.as_str()).any(|(i, _)| {
                word(listed[..i].chars().next_back())
                    && word(listed[i + name.len()..].chars().next())
            });
            assert!(
                found,
                "event {name:?} is not listed in docs/architecture.md"
            );
        }
    }
}
