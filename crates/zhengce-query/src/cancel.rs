//! cancel: here is a flag another thread may raise, give me a query that stops when it does.
//!
//! tantivy has no cancellation of its own: a search runs over every segment
//! to the end. [`Cancel`] is a shared flag; [`ZIndex::search_with`] and
//! [`ZIndex::facets_with`] wrap their query so that the scorer of each segment
//! looks at the flag every [`CHECK_EVERY`] documents (and before each segment)
//! and, once it is raised, reports that no document is left. The search then
//! finishes at once and answers [`QueryError::Cancelled`] instead of a partial
//! result. This is the approach of Lucene's time-limiting bulk scorer: the
//! check sits in the loop that drives the collectors, not in each collector.
//!
//! [`ZIndex::search_with`]: crate::ZIndex::search_with
//! [`ZIndex::facets_with`]: crate::ZIndex::facets_with
//! [`QueryError::Cancelled`]: crate::QueryError::Cancelled

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::COLLECT_BLOCK_BUFFER_LEN;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

/// Documents a scorer goes through between two looks at the flag (one
/// relaxed atomic load per this many documents costs nothing measurable).
pub const CHECK_EVERY: u32 = 4096;

/// A flag that stops the queries it is given to, from any thread.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A flag not raised yet.
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Raises the flag: queries running with it stop at their next check.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// A query that stops matching once its flag is raised.
#[derive(Debug)]
pub(crate) struct Cancellable {
    inner: Box<dyn Query>,
    cancel: Cancel,
}

impl Cancellable {
    pub(crate) fn wrap(inner: Box<dyn Query>, cancel: &Cancel) -> Box<dyn Query> {
        Box::new(Cancellable { inner, cancel: cancel.clone() })
    }
}

impl Clone for Cancellable {
    fn clone(&self) -> Self {
        Cancellable { inner: self.inner.box_clone(), cancel: self.cancel.clone() }
    }
}

impl Query for Cancellable {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let inner = self.inner.weight(enable_scoring)?;
        Ok(Box::new(CancellableWeight { inner, cancel: self.cancel.clone() }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.inner.query_terms(visitor)
    }
}

struct CancellableWeight {
    inner: Box<dyn Weight>,
    cancel: Cancel,
}

impl Weight for CancellableWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let inner = self.inner.scorer(reader, boost)?;
        let stopped = self.cancel.is_cancelled();
        Ok(Box::new(CancellableScorer {
            inner,
            cancel: self.cancel.clone(),
            left: CHECK_EVERY,
            stopped,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner.explain(reader, doc)
    }

    // `count`, `for_each`, `for_each_no_score` and `for_each_pruning` keep
    // their default bodies, which drive the scorer above (and so stop).
}

struct CancellableScorer {
    inner: Box<dyn Scorer>,
    cancel: Cancel,
    /// Documents until the next look at the flag.
    left: u32,
    stopped: bool,
}

impl CancellableScorer {
    /// Counts `n` documents against the budget; true once the flag is seen raised.
    fn stop_after(&mut self, n: u32) -> bool {
        if !self.stopped {
            if self.left > n {
                self.left -= n;
            } else {
                self.left = CHECK_EVERY;
                self.stopped = self.cancel.is_cancelled();
            }
        }
        self.stopped
    }
}

impl DocSet for CancellableScorer {
    fn advance(&mut self) -> DocId {
        if self.stop_after(1) {
            return TERMINATED;
        }
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.stop_after(1) {
            return TERMINATED;
        }
        self.inner.seek(target)
    }

    fn fill_buffer(&mut self, buffer: &mut [DocId; COLLECT_BLOCK_BUFFER_LEN]) -> usize {
        if self.stop_after(COLLECT_BLOCK_BUFFER_LEN as u32) {
            return 0;
        }
        self.inner.fill_buffer(buffer)
    }

    fn doc(&self) -> DocId {
        if self.stopped {
            TERMINATED
        } else {
            self.inner.doc()
        }
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }

    fn cost(&self) -> u64 {
        self.inner.cost()
    }
}

impl Scorer for CancellableScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::query::AllScorer;

    use super::*;

    fn scorer(docs: u32, cancel: &Cancel) -> CancellableScorer {
        let inner: Box<dyn Scorer> = Box::new(AllScorer::new(docs));
        CancellableScorer { inner, cancel: cancel.clone(), left: CHECK_EVERY, stopped: false }
    }

    #[test]
    fn a_raised_flag_ends_the_docset_within_one_check() {
        let cancel = Cancel::new();
        let mut s = scorer(10 * CHECK_EVERY, &cancel);
        for _ in 0..10 {
            s.advance();
        }
        cancel.cancel();
        let mut more = 0;
        while s.advance() != TERMINATED {
            more += 1;
        }
        assert!(more < CHECK_EVERY, "{more} documents after the flag");
        assert_eq!(s.doc(), TERMINATED);
        let mut buffer = [0; COLLECT_BLOCK_BUFFER_LEN];
        assert_eq!(s.fill_buffer(&mut buffer), 0);
    }

    #[test]
    fn an_unraised_flag_changes_nothing() {
        let cancel = Cancel::new();
        let mut s = scorer(3 * CHECK_EVERY + 5, &cancel);
        let mut n = 1;
        while s.advance() != TERMINATED {
            n += 1;
        }
        assert_eq!(n, 3 * CHECK_EVERY + 5);
        let mut s = scorer(1000, &cancel);
        let mut buffer = [0; COLLECT_BLOCK_BUFFER_LEN];
        let mut filled = 0;
        loop {
            let k = s.fill_buffer(&mut buffer);
            filled += k;
            if k < buffer.len() {
                break;
            }
        }
        assert_eq!(filled, 1000);
    }
}
