//! pool: the query threads. At most [`ServeConfig::max_queries`] queries run
//! at once, each on a thread of its own; the others wait in line (first come,
//! first served), and a thread that finishes one takes the next at once.
//!
//! Why not tokio's blocking pool behind a semaphore (what this replaced): there
//! a finished query gives its permit back, the runtime wakes the next waiter,
//! which then hands its query to a blocking thread to be woken in turn, and
//! the cores sit idle through each hand-off (a sixth of the CPU under the load
//! bench). Taking the next job straight from the queue, the same bench on the
//! same machine, the two builds alternating, answered 504–540 → 673–719
//! requests a second (p99 82–84 → 56–61 ms).
//!
//! The line is bounded ([`ServeConfig::max_waiting`]): a job that finds it
//! full is given back at once ([`LineFull`]), so that a flood of requests is
//! answered "busy" straight away instead of each waiting out the timeout
//! behind work that cannot finish in time. A job whose caller gave up keeps
//! its place until a thread reaches it and skips it (in O(1)).
//!
//! A job that panics is caught: its caller's answer channel closes (an
//! internal error), and the thread goes on with the next job. The threads end
//! when the pool is dropped and the queue is empty.
//!
//! [`ServeConfig::max_queries`]: crate::ServeConfig::max_queries
//! [`ServeConfig::max_waiting`]: crate::ServeConfig::max_waiting

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// A job for a query thread.
pub type Job = Box<dyn FnOnce() + Send + 'static>;

/// A job refused because the line of waiting jobs is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineFull {
    /// How many jobs were waiting (the line's length).
    pub waiting: usize,
}

/// A fixed set of threads running the jobs of one bounded queue.
pub struct QueryPool {
    jobs: crossbeam_channel::Sender<Job>,
    threads: usize,
    max_waiting: usize,
    /// Jobs running now.
    running: Arc<AtomicUsize>,
}

impl QueryPool {
    /// Starts `threads` (at least one) query threads, named `zhengce-query-N`,
    /// taking jobs from a line of at most `max_waiting` (at least one).
    pub fn new(threads: usize, max_waiting: usize) -> std::io::Result<QueryPool> {
        let (threads, max_waiting) = (threads.max(1), max_waiting.max(1));
        let (jobs, queue) = crossbeam_channel::bounded::<Job>(max_waiting);
        let running = Arc::new(AtomicUsize::new(0));
        for n in 0..threads {
            let (queue, running) = (queue.clone(), Arc::clone(&running));
            std::thread::Builder::new().name(format!("zhengce-query-{n}")).spawn(move || {
                while let Ok(job) = queue.recv() {
                    running.fetch_add(1, Ordering::SeqCst);
                    // The caller learns of a panic from its closed answer channel.
                    let _ = catch_unwind(AssertUnwindSafe(job));
                    running.fetch_sub(1, Ordering::SeqCst);
                }
            })?;
        }
        Ok(QueryPool { jobs, threads, max_waiting, running })
    }

    /// Puts `job` in line, where it runs once a thread is free; refused at
    /// once when [`QueryPool::max_waiting`] jobs are waiting already.
    pub fn spawn(&self, job: Job) -> Result<(), LineFull> {
        match self.jobs.try_send(job) {
            Ok(()) => Ok(()),
            Err(crossbeam_channel::TrySendError::Full(_)) => {
                Err(LineFull { waiting: self.max_waiting })
            }
            // The threads only stop once the pool (the sender) is gone.
            Err(crossbeam_channel::TrySendError::Disconnected(_)) => {
                unreachable!("query threads live as long as their pool")
            }
        }
    }

    /// The longest the line of waiting jobs gets.
    pub fn max_waiting(&self) -> usize {
        self.max_waiting
    }

    /// How many threads run jobs.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Jobs running now.
    pub fn running(&self) -> usize {
        self.running.load(Ordering::SeqCst)
    }

    /// Jobs waiting for a thread.
    pub fn waiting(&self) -> usize {
        self.jobs.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn runs_jobs_in_line_and_survives_a_panic() {
        let pool = QueryPool::new(1, 8).unwrap();
        let (tx, rx) = mpsc::channel();
        let (release, held) = mpsc::channel::<()>();
        let (t1, t2) = (tx.clone(), tx.clone());
        pool.spawn(Box::new(move || {
            held.recv().ok();
            t1.send(1).unwrap();
        }))
        .unwrap();
        pool.spawn(Box::new(|| panic!("a query that panics"))).unwrap();
        pool.spawn(Box::new(move || t2.send(2).unwrap())).unwrap();
        // One thread: the two behind the first wait for it.
        while pool.running() == 0 {
            std::thread::yield_now();
        }
        assert_eq!((pool.running(), pool.waiting()), (1, 2));
        release.send(()).unwrap();
        assert_eq!(rx.recv().unwrap(), 1);
        assert_eq!(rx.recv().unwrap(), 2);
    }

    #[test]
    fn a_full_line_refuses_a_job_at_once_and_takes_one_again_when_it_moves() {
        let pool = QueryPool::new(1, 2).unwrap();
        let (release, held) = mpsc::channel::<()>();
        let (done, finished) = mpsc::channel();
        pool.spawn(Box::new(move || {
            held.recv().ok();
        }))
        .unwrap();
        while pool.running() == 0 {
            std::thread::yield_now();
        }
        // The thread is held: two jobs wait, the third is refused.
        for n in 0..2 {
            let done = done.clone();
            pool.spawn(Box::new(move || done.send(n).unwrap())).unwrap();
        }
        let refused = pool.spawn(Box::new(|| unreachable!("a refused job never runs")));
        assert_eq!(refused, Err(LineFull { waiting: 2 }));
        assert_eq!((pool.running(), pool.waiting(), pool.max_waiting()), (1, 2, 2));
        release.send(()).unwrap();
        assert_eq!((finished.recv().unwrap(), finished.recv().unwrap()), (0, 1));
        let done = done.clone();
        pool.spawn(Box::new(move || done.send(2).unwrap())).unwrap();
        assert_eq!(finished.recv().unwrap(), 2);
    }
}
