//! `aftercare done RULE`: answer the latest shown reminder of a rule, for
//! servers without buttons.

use std::io::Write;

use crate::app::Context;
use crate::app::journal::{Entry, Journal, Status};
use crate::config;
use crate::error::Error;
use crate::report::when;

pub(crate) fn done(ctx: &Context, rule: &str, out: &mut dyn Write) -> Result<u8, Error> {
    let (c, p) = ctx.load_plan()?;
    if !c.rules.iter().any(|r| r.name == rule) {
        let names = c.rules.iter().map(|r| r.name.as_str());
        let hint = match config::suggest(rule, names) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "see `aftercare plan --all` for the rule names".into(),
        };
        return Err(Error::UnknownRule {
            rule: rule.to_string(),
            hint,
        });
    }
    let path = ctx.paths.journal();
    // read, answer and write under the journal's write lock: a running
    // daemon writes it too, and neither loses the other's change
    let o = Journal::update(
        &path,
        ctx.now,
        |journal, problem| {
            if let Some(problem) = problem {
                writeln!(out, "warning: {problem}").map_err(Error::output)?;
            }
            // a journal of the previous release: its ids in today's form
            crate::app::migrate_journal(&c, journal);
            let latest = p
                .occurrences
                .iter()
                .rev()
                .filter(|o| o.rule == rule && o.utc() <= ctx.now)
                .find(|o| matches!(journal.status(&o.id), Some(Status::Sent | Status::Snoozed)));
            let Some(o) = latest else {
                return Err(Error::NothingToAnswer(rule.to_string()));
            };
            let sent_at = journal.get(&o.id).and_then(|e| e.sent_at);
            journal.set(&o.id, Entry::done(ctx.now, sent_at));
            Ok(o)
        },
        |e| Error::io(format!("cannot write {}", path.display()), e),
    )?;
    let m = Context::messages(&c);
    let line = m.fmt(
        "done-line",
        &[
            ("title", o.title.as_str().into()),
            (
                "when",
                when(m, o, ctx.now.with_timezone(&p.timezone).date_naive()).into(),
            ),
        ],
    );
    writeln!(out, "{line}").map_err(Error::output)?;
    Ok(0)
}
