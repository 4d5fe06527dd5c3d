//! The pipeline step: JSON Lines, WARC and WET (plain, gzip multi-member, zstd), record
//! order, error handling, and chunking invariance.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use predicates::prelude::*;
use serde_json::Value;

use crate::util::descrape;

fn lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// One WARC record.
fn record(kind: &str, uri: &str, extra: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut head = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012}>\r\n\
         WARC-Date: 2024-03-21T10:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let mut out = head.into_bytes();
    out.extend_from_slice(body);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(status: &str, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// A small crawl: what must come out, and what must be skipped.
fn warc_records() -> Vec<Vec<u8>> {
    let page = "<html lang=\"de\"><head><title>T</title></head><body><p _ngcontent-c1 class= Während die Sonne schien.</p><p>Leave a Reply</p></body></html>";
    vec![
        record("warcinfo", "", &[("Content-Type", "application/warc-fields")], b"software: test\r\n"),
        record(
            "request",
            "https://a.example/",
            &[("Content-Type", "application/http; msgtype=request")],
            b"GET / HTTP/1.1\r\n\r\n",
        ),
        record(
            "response",
            "https://a.example/",
            &[("Content-Type", "application/http; msgtype=response")],
            &http("200 OK", "text/html; charset=utf-8", page),
        ),
        record(
            "response",
            "https://a.example/missing",
            &[],
            &http("404 Not Found", "text/html", "<p>gone</p>"),
        ),
        record("response", "https://a.example/logo.png", &[], &http("200 OK", "image/png", "PNG")),
        record(
            "response",
            "https://b.example/",
            &[],
            &http("200 OK", "text/html", "<p>Second &amp; last page.</p>"),
        ),
        record(
            "metadata",
            "https://b.example/",
            &[("Content-Type", "application/warc-fields")],
            b"fetchTimeMs: 12\r\n",
        ),
        record(
            "conversion",
            "https://c.example/",
            &[("Content-Type", "text/plain"), ("WARC-Identified-Content-Language", "ita,eng")],
            "Il rapporto rileva che il Cremlino continua.\n\nLascia un commento\n".as_bytes(),
        ),
    ]
}

fn check_warc_output(stdout: &[u8]) {
    let out = lines(stdout);
    assert_eq!(out.len(), 3, "{out:?}");
    assert_eq!(out[0]["url"], "https://a.example/");
    // A page, its broken tag closed where its attributes end: the title, then the prose.
    assert_eq!(out[0]["text"], "T\n\nWährend die Sonne schien.");
    assert_eq!(out[0]["lang"], "de");
    assert_eq!(out[0]["date"], "2024-03-21T10:00:00Z");
    assert_eq!(out[0]["content_type"], "text/html; charset=utf-8");
    assert!(out[0]["warc_record_id"].as_str().unwrap().starts_with("<urn:uuid:"));
    assert_eq!(out[1]["url"], "https://b.example/");
    assert_eq!(out[1]["text"], "Second & last page.");
    assert_eq!(out[2]["url"], "https://c.example/");
    assert_eq!(out[2]["text"], "Il rapporto rileva che il Cremlino continua.");
    assert_eq!(out[2]["lang"], "ita");
    let keys: Vec<&String> = out[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["url", "warc_record_id", "date", "content_type", "lang", "text"]);
}

#[test]
fn warc_plain_gzip_members_and_zstd_give_the_same_records() {
    let records = warc_records();
    let plain: Vec<u8> = records.concat();
    // Common Crawl writes one gzip member per record.
    let members: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    let zst = zstd::encode_all(&plain[..], 3).unwrap();
    for input in [plain, members, zst] {
        let assert = descrape().args(["--warc", "-", "--json"]).write_stdin(input).assert().success();
        let out = &assert.get_output().stdout;
        let all = lines(out);
        let summary = all.last().unwrap().clone();
        assert_eq!(summary["type"], "summary");
        assert_eq!(summary["data"]["cleaned"], 3);
        assert_eq!(summary["data"]["records"], 8);
        assert_eq!(summary["data"]["skipped"]["HTTP status not 2xx"], 1);
        assert_eq!(summary["data"]["skipped"]["not HTML"], 1);
        assert_eq!(summary["data"]["skipped"]["request record"], 1);
        let without_summary: Vec<u8> = String::from_utf8_lossy(out)
            .lines()
            .filter(|l| !l.starts_with("{\"type\":\"summary\""))
            .flat_map(|l| format!("{l}\n").into_bytes())
            .collect();
        check_warc_output(&without_summary);
    }
}

#[test]
fn warc_files_are_read_by_name() {
    let t = crate::util::Tree::new();
    let path = t.write("crawl.warc.gz", warc_records().iter().flat_map(|r| gzip(r)).collect::<Vec<u8>>());
    let assert = descrape().arg("--warc").arg(&path).arg("-q").assert().success().stderr("");
    check_warc_output(&assert.get_output().stdout);
}

#[test]
fn jsonl_keeps_other_fields_and_reports_bad_lines() {
    let input = concat!(
        "{\"id\":1,\"url\":\"https://x.org/\\u00e9\",\"text\":\"<p class= Erster Absatz.</p>\",\"n\":1.50}\n",
        "{not json\n",
        "{\"id\":3,\"html\":\"<p>no text field</p>\"}\n",
        "{\"id\":4,\"text\":\"caf&eacute; \\u00e9 \\ud83d\\ude00\"}\n",
    );
    // Bad lines are passed through and reported, and the exit code says some failed.
    let assert = descrape().arg("--jsonl").write_stdin(input).assert().code(1);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let mut got = out.lines();
    assert_eq!(
        got.next(),
        Some("{\"id\":1,\"url\":\"https://x.org/\\u00e9\",\"text\":\"Erster Absatz.\",\"n\":1.50}")
    );
    assert_eq!(got.next(), Some("{not json"));
    assert_eq!(got.next(), Some("{\"id\":3,\"html\":\"<p>no text field</p>\"}"));
    assert_eq!(got.next(), Some("{\"id\":4,\"text\":\"café é 😀\"}"));
    assert_eq!(got.next(), None);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr);
    assert!(stderr.contains("-:2: not valid JSON"), "{stderr}");
    assert!(stderr.contains("-:3: no field `text`"), "{stderr}");
}

#[test]
fn jsonl_on_error_skip_and_fail() {
    let input = "{\"text\":\"a\"}\n{bad\n{\"text\":\"b\"}\n";
    descrape()
        .args(["--jsonl", "--on-error", "skip", "-q"])
        .write_stdin(input)
        .assert()
        .code(1)
        .stdout("{\"text\":\"a\"}\n{\"text\":\"b\"}\n");
    descrape()
        .args(["--jsonl", "--on-error", "fail", "-q"])
        .write_stdin(input)
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("{\"text\":\"a\"}\n"))
        .stderr(predicate::str::contains("-:2:"));
}

#[test]
fn jsonl_field_output_field_and_stats_field() {
    let input = "{\"html\":\"<h1>T</h1><p>x &amp; y</p>\",\"k\":true}\n";
    let assert = descrape()
        .args(["--jsonl", "--field", "html", "--output-field", "text", "--stats-field", "stats", "-q"])
        .write_stdin(input)
        .assert()
        .success();
    let v = &lines(&assert.get_output().stdout)[0];
    assert_eq!(v["html"], "<h1>T</h1><p>x &amp; y</p>");
    assert_eq!(v["text"], "T\n\nx & y");
    assert_eq!(v["stats"]["entities"], 1);
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["html", "k", "text", "stats"]);
}

#[test]
fn records_stay_in_input_order_on_many_threads() {
    let input: String = (0..3000).map(|i| format!("{{\"i\":{i},\"text\":\"<p>Zeile {i}</p>\"}}\n")).collect();
    let assert = descrape().args(["--jsonl", "-j", "4", "-q"]).write_stdin(input).assert().success();
    let out = lines(&assert.get_output().stdout);
    assert_eq!(out.len(), 3000);
    for (i, v) in out.iter().enumerate() {
        assert_eq!(v["i"], i);
        assert_eq!(v["text"], format!("Zeile {i}"));
    }
}

#[test]
fn compressed_output_decompresses_to_the_same_records() {
    let input = "{\"text\":\"<b>x</b>\"}\n";
    for (flag, expected) in [("gz", &[0x1f, 0x8b][..]), ("zst", &[0x28, 0xb5, 0x2f, 0xfd][..])] {
        let assert =
            descrape().args(["--jsonl", "--compress", flag, "-q"]).write_stdin(input).assert().success();
        let out = &assert.get_output().stdout;
        assert!(out.starts_with(expected), "{flag}");
        let mut plain = String::new();
        if flag == "gz" {
            flate2::read::MultiGzDecoder::new(&out[..]).read_to_string(&mut plain).unwrap();
        } else {
            plain = String::from_utf8(zstd::decode_all(&out[..]).unwrap()).unwrap();
        }
        assert_eq!(plain, "{\"text\":\"x\"}\n");
    }
}

/// Runs `cmd` with `input` written to its standard input `chunk` bytes at a time from another
/// thread; returns its output and how the writing went (a reader may close the pipe early).
fn feed(mut cmd: Command, input: &[u8], chunk: usize) -> (std::process::Output, std::io::Result<()>) {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let data = input.to_vec();
    let writer = std::thread::spawn(move || -> std::io::Result<()> {
        for piece in data.chunks(chunk.max(1)) {
            stdin.write_all(piece)?;
            stdin.flush()?;
        }
        Ok(())
    });
    let out = child.wait_with_output().unwrap();
    (out, writer.join().unwrap())
}

/// Runs descrape with `args`, writing `input` to its standard input `chunk` bytes at a time.
fn run_chunked(args: &[&str], input: &[u8], chunk: usize) -> Vec<u8> {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("descrape"));
    cmd.args(args);
    let (out, written) = feed(cmd, input, chunk);
    written.unwrap();
    assert!(out.status.success());
    out.stdout
}

#[test]
fn chunking_does_not_change_the_result() {
    let jsonl: String = (0..200)
        .map(|i| format!("{{\"i\":{i},\"text\":\"<p class= Satz {i} über \\u00e9t\\u00e9.</p>\"}}\n"))
        .collect();
    let warc: Vec<u8> = warc_records().iter().flat_map(|r| gzip(r)).collect();
    let text = "<p _ngcontent-c1 class= Erster Absatz über Ähren.</p>\n\nLeave a Reply\n\nZweiter Absatz.\n"
        .repeat(50);
    for (args, input) in [
        (&["--jsonl", "-q"][..], jsonl.as_bytes()),
        (&["--warc", "-", "-q"][..], &warc[..]),
        (&["-"][..], text.as_bytes()),
    ] {
        let whole = run_chunked(args, input, input.len());
        assert!(!whole.is_empty());
        for chunk in [1, 7, 4096] {
            assert_eq!(run_chunked(args, input, chunk), whole, "{args:?} in pieces of {chunk}");
        }
    }
    // Standard input's parts are cleaned on as many threads as asked, and written in order.
    let whole = run_chunked(&["-"], text.as_bytes(), text.len());
    assert_eq!(run_chunked(&["-j3", "-"], text.as_bytes(), 4096), whole);
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    let input: String = (0..200_000).map(|i| format!("{{\"text\":\"<p>line {i}</p>\"}}\n")).collect();
    let script = format!("{} --jsonl | head -n 1", assert_cmd::cargo::cargo_bin("descrape").display());
    let mut cmd = Command::new("bash");
    cmd.args(["-o", "pipefail", "-c", &script]);
    // `head` closes the pipe early: the writing may fail, and that is the point.
    let (out, _) = feed(cmd, input.as_bytes(), input.len());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "{\"text\":\"line 0\"}\n");
    assert!(out.status.success(), "exit {:?}: {}", out.status, String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("Broken pipe"));
}
