//! deadline: here is the time one document may take, tell the stages when it is up.
//!
//! The watchdog is cooperative: the pipeline starts a [`Deadline`] per
//! document from `Limits::timeout` before reading it, and every stage looks
//! at it inside its loops — the .docx reader at each XML event of every part
//! ([`crate::docx::xml::PartXml`]), cleaning between its passes, the structure
//! at each line and each owner run, the targets at each candidate — and stops
//! early when it is up. The pipeline turns a stage that stopped for it into
//! `ErrorKind::Timeout`, naming the file and the limit. Nothing is killed; the
//! batch goes on with its next document.
//!
//! Loops call [`Deadline::tick`], which counts the step and reads the clock
//! only every [`CLOCK_EVERY`] steps (the first included, so a deadline that is
//! already up stops a loop at its first step). [`Deadline::ticks`] is the
//! count: how often the stages looked, which tests use to see that a loop does
//! look, and how often.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A loop reads the clock at its first step and then every this many steps.
pub const CLOCK_EVERY: u64 = 256;

/// When the extraction of one document must stop.
#[derive(Debug)]
pub struct Deadline {
    at: Option<Instant>,
    /// Steps counted by [`Deadline::tick`].
    ticks: AtomicU64,
    /// Set once the time was seen to be up; it stays up.
    up: AtomicBool,
}

impl Deadline {
    /// A deadline `limit` from now; `None` never expires.
    pub fn after(limit: Option<Duration>) -> Self {
        Deadline {
            at: limit.map(|d| Instant::now() + d),
            ticks: AtomicU64::new(0),
            up: AtomicBool::new(false),
        }
    }

    /// A deadline that never expires.
    pub fn never() -> Self {
        Deadline::after(None)
    }

    /// True once the time is up (reads the clock: for the checks between stages).
    pub fn expired(&self) -> bool {
        if self.up.load(Ordering::Relaxed) {
            return true;
        }
        let up = self.at.is_some_and(|at| Instant::now() >= at);
        if up {
            self.up.store(true, Ordering::Relaxed);
        }
        up
    }

    /// One step of a loop: true when the time is up. Cheap enough for every
    /// XML event or line: the clock is read once in [`CLOCK_EVERY`] steps.
    #[inline]
    pub fn tick(&self) -> bool {
        let n = self.ticks.fetch_add(1, Ordering::Relaxed);
        if self.at.is_none() {
            return false;
        }
        if n % CLOCK_EVERY == 0 {
            self.expired()
        } else {
            self.up.load(Ordering::Relaxed)
        }
    }

    /// How many loop steps have looked at this deadline so far.
    pub fn ticks(&self) -> u64 {
        self.ticks.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_limit_is_up_at_once_and_none_never() {
        assert!(Deadline::after(Some(Duration::ZERO)).expired());
        assert!(!Deadline::after(None).expired());
        assert!(!Deadline::never().expired());
        assert!(!Deadline::after(Some(Duration::from_secs(3600))).expired());
    }

    #[test]
    fn a_tick_sees_an_expired_deadline_at_the_first_step_and_counts() {
        let d = Deadline::after(Some(Duration::ZERO));
        assert!(d.tick());
        assert!(d.tick(), "once up it stays up, between clock reads too");
        let never = Deadline::never();
        assert!((0..1000).all(|_| !never.tick()));
        assert_eq!(never.ticks(), 1000);
        let later = Deadline::after(Some(Duration::from_secs(3600)));
        assert!((0..1000).all(|_| !later.tick()));
    }
}
