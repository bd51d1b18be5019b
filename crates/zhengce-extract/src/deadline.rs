//! deadline: here is the time one document may take, tell the stages when it is up.
//!
//! The watchdog is cooperative: the pipeline starts a [`Deadline`] per
//! document from `Limits::timeout`, the stages call [`Deadline::expired`] in
//! their loops and stop early when it is, and the pipeline turns a stage that
//! stopped for it into `ErrorKind::Timeout`. Nothing is killed; the batch goes
//! on with its next document.

use std::time::{Duration, Instant};

/// When the extraction of one document must stop.
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    at: Option<Instant>,
}

impl Deadline {
    /// A deadline `limit` from now; `None` never expires.
    pub fn after(limit: Option<Duration>) -> Self {
        Deadline { at: limit.map(|d| Instant::now() + d) }
    }

    /// A deadline that never expires.
    pub fn never() -> Self {
        Deadline { at: None }
    }

    /// True once the time is up.
    #[inline]
    pub fn expired(&self) -> bool {
        self.at.is_some_and(|at| Instant::now() >= at)
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
}
