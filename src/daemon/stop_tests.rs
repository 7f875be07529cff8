//! SIGTERM while a notification is in flight (`runtime.rs`'s `guarded`):
//! the step ends first, so what the server took is recorded as sent and a
//! restart does not show it again.

use chrono::{DateTime, Utc};
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio::sync::oneshot;

use super::runtime::{Ask, Asks, Stepped, guarded};
use super::state::Daemon;
use super::tests::{Recorder, daemon_with, t, titles};
use crate::app::journal::{Journal, Status};
use crate::notifier::{Answer, Note, Notifier, ShowError, Shown};
use crate::testing::config;

const CFG: &str = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
    [reminders.a]\ndays = \"0\"\nat = [\"09:00\"]\ntitle = \"A\"\n\
    [reminders.b]\ndays = \"1\"\nat = [\"09:00\"]\ntitle = \"B\"\n";

/// The recording fake, whose first `show` says it has begun and then
/// waits until released: a `Notify` in flight.
struct Gated {
    inner: Recorder,
    begun: Option<oneshot::Sender<()>>,
    gate: Option<oneshot::Receiver<()>>,
}

impl Notifier for Gated {
    async fn show(&mut self, note: &Note, a: &UnboundedSender<Answer>) -> Result<Shown, ShowError> {
        if let Some(begun) = self.begun.take() {
            let _ = begun.send(());
        }
        if let Some(gate) = self.gate.take() {
            let _ = gate.await;
        }
        self.inner.show(note, a).await
    }
    async fn server(&mut self, a: &UnboundedSender<Answer>) -> Result<String, ShowError> {
        self.inner.server(a).await
    }
    async fn close(&mut self, id: u32) {
        self.inner.close(id).await;
    }
}

/// Signals from a channel; each one handed to the daemon is reported on
/// `taken`, so a test knows the daemon has it.
struct Sent {
    asks: UnboundedReceiver<Ask>,
    taken: UnboundedSender<Ask>,
}

impl Asks for Sent {
    async fn next(&mut self) -> Ask {
        match self.asks.recv().await {
            Some(a) => {
                let _ = self.taken.send(a);
                a
            }
            None => std::future::pending().await,
        }
    }
}

/// A daemon whose first notification stays in flight, the signals it
/// is sent and a report of the ones it took.
struct Rig {
    d: Daemon<Gated>,
    begun: oneshot::Receiver<()>,
    send: UnboundedSender<Ask>,
    taken: UnboundedReceiver<Ask>,
    sigs: Sent,
}

impl Rig {
    /// One step at `now`, guarded by the signals as the runtime guards it,
    /// while `outside` runs once the notification is in flight (given the
    /// signals' sender and the report of those taken). How the step ended,
    /// and whether a reload was asked for.
    async fn step_in_flight(
        &mut self,
        now: DateTime<Utc>,
        outside: impl AsyncFnOnce(&UnboundedSender<Ask>, &mut UnboundedReceiver<Ask>),
    ) -> (Stepped, bool) {
        let Rig {
            d,
            begun,
            send,
            taken,
            sigs,
        } = self;
        let mut reload = false;
        let step = async {
            d.tick(now).await;
            Some("status".to_string())
        };
        let outside = async {
            begun.await.unwrap(); // the notification is in flight
            outside(send, taken).await;
        };
        let (stepped, ()) = tokio::join!(guarded(step, sigs, &mut reload), outside);
        (stepped, reload)
    }
}

/// The rig, and the server's answer to the notification in flight.
fn rig(dir: &std::path::Path, now: DateTime<Utc>) -> (Rig, oneshot::Sender<()>) {
    let (j, _) = Journal::open(&dir.join("journal.json"), now);
    let (tx, _rx) = mpsc::unbounded_channel();
    let (begun_tx, begun) = oneshot::channel();
    let (release, gate) = oneshot::channel();
    let fake = Gated {
        inner: Recorder::default(),
        begun: Some(begun_tx),
        gate: Some(gate),
    };
    let d = Daemon::new(config(CFG), j, fake, tx, now).unwrap();
    let (send, asks) = mpsc::unbounded_channel();
    let (taken_tx, taken) = mpsc::unbounded_channel();
    let rig = Rig {
        d,
        begun,
        send,
        taken,
        sigs: Sent {
            asks,
            taken: taken_tx,
        },
    };
    (rig, release)
}

#[tokio::test]
async fn sigterm_during_a_show_finishes_it_records_it_and_a_restart_does_not_repeat_it() {
    let dir = tempfile::tempdir().unwrap();
    let now = t("23T09:00:00");
    let (mut r, release) = rig(dir.path(), now);
    let (stepped, _) = r
        .step_in_flight(now, async move |send, taken| {
            send.send(Ask::Stop("SIGTERM")).unwrap();
            assert_eq!(taken.recv().await, Some(Ask::Stop("SIGTERM")));
            // the server answers (a step already dropped has no gate to open)
            let _ = release.send(());
        })
        .await;
    assert_eq!(stepped, Stepped::Stop, "a stop, after the step");
    let mut d = r.d;
    assert_eq!(d.notifier().inner.shown().len(), 1);
    assert_eq!(
        d.journal().status("a@s1d0T09:00"),
        Some(Status::Sent),
        "recorded before the exit"
    );
    d.save(); // as the daemon does on its way out
    drop(d);
    // the restart
    let mut d = daemon_with(dir.path(), CFG, t("23T09:00:30"));
    d.tick(t("23T09:00:30")).await;
    assert!(titles(&d).is_empty(), "shown before the stop: not again");
}

#[tokio::test]
async fn a_second_sigterm_stops_at_once_and_the_unshown_reminder_comes_after_the_restart() {
    let dir = tempfile::tempdir().unwrap();
    let now = t("23T09:00:00");
    let (mut r, release) = rig(dir.path(), now);
    let (stepped, reload) = r
        .step_in_flight(now, async |send, _| {
            send.send(Ask::Reload).unwrap();
            send.send(Ask::Stop("SIGTERM")).unwrap();
            send.send(Ask::Stop("SIGINT")).unwrap();
        })
        .await;
    assert_eq!(stepped, Stepped::Stop);
    assert!(reload, "the HUP before the stop was taken");
    let mut got = Vec::new();
    while let Ok(a) = r.taken.try_recv() {
        got.push(a);
    }
    assert_eq!(
        got,
        [Ask::Reload, Ask::Stop("SIGTERM"), Ask::Stop("SIGINT")]
    );
    drop(release); // the server never answered
    let mut d = r.d;
    assert!(d.notifier().inner.shown().is_empty());
    assert_eq!(d.journal().status("a@s1d0T09:00"), None, "not recorded");
    d.save();
    drop(d);
    // not dropped either: the restart shows it
    let mut d = daemon_with(dir.path(), CFG, t("23T09:00:30"));
    d.tick(t("23T09:00:30")).await;
    assert_eq!(titles(&d), ["A"]);
}
