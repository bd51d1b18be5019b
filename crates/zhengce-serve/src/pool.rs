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
//! A job that panics is caught: its caller's answer channel closes (an
//! internal error), and the thread goes on with the next job. The threads end
//! when the pool is dropped and the queue is empty.
//!
//! [`ServeConfig::max_queries`]: crate::ServeConfig::max_queries

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// A job for a query thread.
pub type Job = Box<dyn FnOnce() + Send + 'static>;

/// A fixed set of threads running the jobs of one queue.
pub struct QueryPool {
    jobs: crossbeam_channel::Sender<Job>,
    threads: usize,
    /// Jobs running now.
    running: Arc<AtomicUsize>,
}

impl QueryPool {
    /// Starts `threads` (at least one) query threads, named `zhengce-query-N`.
    pub fn new(threads: usize) -> std::io::Result<QueryPool> {
        let threads = threads.max(1);
        let (jobs, queue) = crossbeam_channel::unbounded::<Job>();
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
        Ok(QueryPool { jobs, threads, running })
    }

    /// Puts `job` in line; it runs once a thread is free.
    pub fn spawn(&self, job: Job) {
        // The threads only stop once the pool (the sender) is gone.
        self.jobs.send(job).expect("query threads live as long as their pool");
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
        let pool = QueryPool::new(1).unwrap();
        let (tx, rx) = mpsc::channel();
        let (release, held) = mpsc::channel::<()>();
        let (t1, t2) = (tx.clone(), tx.clone());
        pool.spawn(Box::new(move || {
            held.recv().ok();
            t1.send(1).unwrap();
        }));
        pool.spawn(Box::new(|| panic!("a query that panics")));
        pool.spawn(Box::new(move || t2.send(2).unwrap()));
        // One thread: the two behind the first wait for it.
        while pool.running() == 0 {
            std::thread::yield_now();
        }
        assert_eq!((pool.running(), pool.waiting()), (1, 2));
        release.send(()).unwrap();
        assert_eq!(rx.recv().unwrap(), 1);
        assert_eq!(rx.recv().unwrap(), 2);
    }
}
