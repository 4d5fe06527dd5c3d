//! Times whole-page cleaning in-process on one core: every file named on the command line is
//! read and decoded first, then cleaned `ROUNDS` times with one `Cleaner`; prints the bytes,
//! the best round's seconds and MB/s as one JSON line (what `scripts/eval-pages` reads).
//! `DESCRAPE_INPUT=text` (or `html`) reads every file so, as `--input` does; the default is
//! `auto`. Under `valgrind --tool=callgrind` it counts what cleaning one kind of input costs.
//!
//!     cargo run --release --example page_speed -- page1.html page2.html …
//!     DESCRAPE_INPUT=text valgrind --tool=callgrind target/release/examples/page_speed text.txt

use std::time::Instant;

use descrape::Cleaner;

/// The allocator the command-line tool uses, so the figures are the tool's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ROUNDS: usize = 3;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut pages = Vec::new();
    let mut bytes = 0usize;
    for path in std::env::args().skip(1) {
        let raw = std::fs::read(&path)?;
        bytes += raw.len();
        if let Ok(decoded) = descrape::decode(&raw) {
            pages.push(decoded.text.into_owned());
        }
    }
    let input = match std::env::var("DESCRAPE_INPUT").as_deref() {
        Ok("text") => descrape::Input::Text,
        Ok("html") => descrape::Input::Html,
        Ok("auto") | Err(_) => descrape::Input::Auto,
        Ok(other) => return Err(format!("DESCRAPE_INPUT={other}: text, html or auto").into()),
    };
    let cleaner = Cleaner::builder().input(input).build()?;
    let mut best = f64::INFINITY;
    let mut out_bytes = 0;
    for _ in 0..ROUNDS {
        let start = Instant::now();
        out_bytes = pages.iter().map(|p| cleaner.clean(p).text.len()).sum::<usize>();
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{{\"pages\": {}, \"bytes\": {bytes}, \"bytes_out\": {out_bytes}, \"seconds\": {best:.4}, \"mb_per_s\": {:.2}}}",
        pages.len(),
        bytes as f64 / 1e6 / best
    );
    Ok(())
}
