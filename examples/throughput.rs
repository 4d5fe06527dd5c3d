//! Measures single-thread throughput of `Cleaner::clean` on generated inputs of 1, 10 and
//! 100 MB: plain prose, markup-heavy residue, and adversarial inputs. Run by `scripts/bench`;
//! prints a table, asserts nothing.
//!
//! Usage: `cargo run --release --example throughput [SIZES_MB...] [NAME...]` (default: all
//! inputs at 1 10 100).

use std::time::{Duration, Instant};

use descrape::Cleaner;

/// The allocator the command-line tool uses, so the figures are the tool's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const MB: usize = 1_000_000;

const PROSE: [&str; 2] = [
    include_str!("../tests/data/seeds/expected/000_33dafe3a048d91ea.clean.txt"),
    include_str!("../tests/data/seeds/expected/001_ad3184def6363cc4.clean.txt"),
];

const RESIDUE: [&str; 5] = [
    include_str!("../tests/data/seeds/001_ad3184def6363cc4.txt"),
    include_str!("../tests/data/golden/angular-broken-tags.txt"),
    include_str!("../tests/data/golden/entities-double-escaped.txt"),
    include_str!("../tests/data/golden/shortcodes-templates.txt"),
    include_str!("../tests/data/golden/prose-lookalikes.txt"),
];

/// Repeats `unit` (cycling through the pieces) until `size` bytes.
fn repeat(pieces: &[&str], size: usize) -> String {
    let mut s = String::with_capacity(size + 4096);
    let mut i = 0;
    while s.len() < size {
        s.push_str(pieces[i % pieces.len()]);
        s.push_str("\n\n");
        i += 1;
    }
    s
}

fn inputs(size: usize) -> Vec<(&'static str, String)> {
    vec![
        ("prose", repeat(&PROSE, size)),
        ("residue", repeat(&RESIDUE, size)),
        ("adv: all '<'", "<".repeat(size)),
        ("adv: '<p ' no '>'", "<p ".repeat(size / 3)),
        ("adv: &amp;amp;…", format!("&{}", "amp;".repeat(size / 4))),
        ("adv: nested unclosed", "<div><span class=\"a\"><p><b><i><section _ngcontent-c1>".repeat(size / 50)),
        ("adv: unclosed quotes", "<p a=\"x ".repeat(size / 8)),
        ("adv: comment opens", "<!--".repeat(size / 4)),
    ]
}

fn time(cleaner: &Cleaner, input: &str) -> (Duration, usize) {
    let runs = 3;
    let mut best = Duration::MAX;
    let mut out_len = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let out = cleaner.clean(input);
        best = best.min(t.elapsed());
        out_len = out.text.len();
    }
    (best, out_len)
}

/// Times cleaning `input` and prints its row.
fn report(cleaner: &Cleaner, name: &str, input: &str) {
    let (d, out_len) = time(cleaner, input);
    let secs = d.as_secs_f64();
    let rate = input.len() as f64 / MB as f64 / secs;
    println!(
        "{name:<24} {:>8.1} {:>10.1} {:>10.1} {:>12}",
        input.len() as f64 / MB as f64,
        secs * 1e3,
        rate,
        out_len
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    // Other arguments pick inputs by name (`prose`, `adv`); none: all of them.
    // An argument naming a file cleans that file (whole, as many times as the timing takes).
    let files: Vec<&String> = args.iter().filter(|a| std::path::Path::new(a.as_str()).is_file()).collect();
    let only: Vec<&String> =
        args.iter().filter(|a| a.parse::<usize>().is_err() && !files.contains(a)).collect();
    let sizes = if sizes.is_empty() { vec![1, 10, 100] } else { sizes };
    // DESCRAPE_BENCH_FILTERS=glue,dedupe,boilerplate picks the filters that run (default: all;
    // empty: the lexer and renderer alone), to see what each costs.
    let filters =
        std::env::var("DESCRAPE_BENCH_FILTERS").unwrap_or_else(|_| "glue,dedupe,boilerplate".into());
    let on = |f: &str| filters.split(',').any(|x| x == f);
    let builder = Cleaner::builder().boilerplate(on("boilerplate")).dedupe(on("dedupe")).glue(on("glue"));
    let cleaner = match builder.build() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("building the cleaner: {e}");
            std::process::exit(2);
        }
    };
    println!("{:<24} {:>8} {:>10} {:>10} {:>12}", "input", "size MB", "time ms", "MB/s", "out bytes");
    for path in &files {
        let input = match std::fs::read_to_string(path.as_str()) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(2);
            }
        };
        report(&cleaner, path, &input);
    }
    if !files.is_empty() && only.is_empty() {
        return;
    }
    for &mb in &sizes {
        for (name, input) in inputs(mb * MB) {
            if !only.is_empty() && !only.iter().any(|o| name.contains(o.as_str())) {
                continue;
            }
            report(&cleaner, name, &input);
        }
    }
}
