//! Runs a record stream through a function on all cores and hands the results to a sink in
//! input order, with a bounded number of records in flight, so memory stays flat on an
//! endless stream.
//!
//! A reader thread groups records into batches and may only start a batch when it holds one
//! of `window` tokens; the rayon workers clean batches in any order; the calling thread puts
//! results back in order, writes them, and returns a token per batch written. So at most
//! `window` batches exist at once, however slow any one of them is.

use std::collections::BTreeMap;
use std::io;
use std::sync::mpsc;

use rayon::prelude::*;

/// Records per batch: enough to amortise the hand-overs, few enough to keep all cores busy.
pub const BATCH_RECORDS: usize = 64;
/// Bytes per batch (records are weighed by the caller), so batches of huge records stay small.
pub const BATCH_BYTES: usize = 1 << 20;

/// Cleans what `produce` yields with `work` on `threads` threads, giving results to `sink`
/// in order. `produce` runs on its own thread and pushes records into the callback it is
/// given, which returns false when the run is over (it then should stop). `weight` says how
/// many bytes a record holds. An error from `sink` stops the run and is returned; a broken
/// pipe is the caller's to treat as a quiet end.
pub fn run<T, U, P, W, S>(
    threads: usize,
    produce: P,
    weight: fn(&T) -> usize,
    work: W,
    mut sink: S,
) -> io::Result<()>
where
    T: Send,
    U: Send,
    P: FnOnce(&mut dyn FnMut(T) -> bool) + Send,
    W: Fn(T) -> U + Sync,
    S: FnMut(U) -> io::Result<()>,
{
    let window = threads * 4 + 2;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(io::Error::other)?;
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        let _ = token_tx.send(());
    }
    let (batch_tx, batch_rx) = mpsc::sync_channel::<(u64, Vec<T>)>(window);
    let (done_tx, done_rx) = mpsc::channel::<(u64, Vec<U>)>();
    let work = &work;
    // `move`: when the loop below ends early, the token sender and the results receiver are
    // dropped before the scope waits for the threads, so a reader waiting for a token and
    // workers sending results are released instead of deadlocking.
    std::thread::scope(move |scope| {
        scope.spawn(move || {
            let mut seq = 0u64;
            let mut batch = Vec::with_capacity(BATCH_RECORDS);
            let mut bytes = 0;
            let mut open = true;
            produce(&mut |item| {
                bytes += weight(&item);
                batch.push(item);
                if batch.len() >= BATCH_RECORDS || bytes >= BATCH_BYTES {
                    open =
                        token_rx.recv().is_ok() && batch_tx.send((seq, std::mem::take(&mut batch))).is_ok();
                    seq += 1;
                    bytes = 0;
                }
                open
            });
            if open && !batch.is_empty() && token_rx.recv().is_ok() {
                let _ = batch_tx.send((seq, batch));
            }
        });
        scope.spawn(move || {
            pool.install(|| {
                batch_rx.into_iter().par_bridge().for_each_with(done_tx, |tx, (seq, batch)| {
                    let _ = tx.send((seq, batch.into_iter().map(work).collect()));
                });
            });
        });
        let mut next = 0u64;
        let mut pending: BTreeMap<u64, Vec<U>> = BTreeMap::new();
        for (seq, results) in done_rx.iter() {
            pending.insert(seq, results);
            while let Some(results) = pending.remove(&next) {
                for r in results {
                    sink(r)?;
                }
                next += 1;
                let _ = token_tx.send(());
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_threads() {
        for threads in [1, 2, 4] {
            let mut out = Vec::new();
            run(
                threads,
                |push| {
                    for x in 0..10_000u64 {
                        push(x);
                    }
                },
                |_| 8,
                |x| {
                    if x % 997 == 0 {
                        std::thread::sleep(std::time::Duration::from_millis(2));
                    }
                    x * 2
                },
                |y| {
                    out.push(y);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(out, (0..10_000u64).map(|x| x * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let mut seen = 0;
        let produce = |push: &mut dyn FnMut(u64) -> bool| {
            for x in 0..1_000_000u64 {
                if !push(x) {
                    return;
                }
            }
        };
        let r = run(
            2,
            produce,
            |_| 8,
            |x| x,
            |_| {
                seen += 1;
                if seen == 100 { Err(io::Error::from(io::ErrorKind::BrokenPipe)) } else { Ok(()) }
            },
        );
        assert_eq!(r.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        assert_eq!(seen, 100);
    }
}
