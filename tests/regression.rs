//! One test per reported failure, each named for what it checks. // See: issue #N.

use std::fs;
use std::io::Write;
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use predicates::prelude::*;
use serde_json::Value;

use crate::util::{Tree, descrape};

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn json_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn warc_record(kind: &str, uri: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n{headers}\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

// See: issue #8, item 1.
#[test]
fn utf8_with_a_bad_or_cut_byte_is_read_as_utf8_in_every_mode() {
    let t = Tree::new();
    t.write("c.txt", b"<p>Sch\xc3\xb6ne Gr\xc3\xbc\xc3\x9fe \xc3\xbcber Gr\xc3");
    let out = descrape().arg(t.path("c.txt")).arg("--json").assert().success().get_output().stdout.clone();
    assert_eq!(t.read("c.clean.txt"), "Schöne Grüße über Gr\u{fffd}\n");
    let summary = json_lines(&out).pop().unwrap();
    assert_eq!(summary["data"]["malformed"], 1);

    let jsonl = b"{\"text\":\"<p>Gr\xc3\xbc\xc3\x9fe \xff</p>\"}\n";
    descrape()
        .args(["--jsonl", "-q"])
        .write_stdin(&jsonl[..])
        .assert()
        .success()
        .stdout("{\"text\":\"Grüße \u{fffd}\"}\n");

    let body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Sch\xc3\xb6ne Gr\xc3\xbc\xc3\x9fe aus K\xc3\xb6ln \xff</p>";
    let warc = warc_record("response", "https://a/", "", body);
    let out =
        descrape().args(["--warc", "-q"]).write_stdin(warc).assert().success().get_output().stdout.clone();
    assert_eq!(json_lines(&out)[0]["text"], "Schöne Grüße aus Köln \u{fffd}");
}

// See: issue #8, item 2.
#[test]
fn every_input_gets_its_own_output() {
    let t = Tree::new();
    t.write("d/x.txt", "<p>plain</p>");
    t.write("d/x.txt.gz", gzip(b"<p>gzip</p>"));
    t.write("d/x.txt.zst", zstd::encode_all(&b"<p>zstd</p>"[..], 3).unwrap());
    descrape().arg(t.path("d")).arg("-q").assert().success();
    assert_eq!(t.read("d/x.clean.txt"), "plain\n");
    assert_eq!(t.read("d/x.txt.gz.clean.txt"), "gzip\n");
    assert_eq!(t.read("d/x.txt.zst.clean.txt"), "zstd\n");

    // Two paths that mirror to one place under --out-dir.
    let work = t.path("work");
    fs::create_dir_all(work.join("data")).unwrap();
    fs::write(work.join("data/a.txt"), "<p>inner</p>").unwrap();
    t.write("data/a.txt", "<p>outer</p>");
    let out = descrape()
        .current_dir(&work)
        .args(["--out-dir", "clean", "data/a.txt", "../data/a.txt", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(fs::read_to_string(work.join("clean/data/a.clean.txt")).unwrap(), "inner\n");
    assert_eq!(fs::read_to_string(work.join("clean/data/a~2.clean.txt")).unwrap(), "outer\n");
    assert_eq!(json_lines(&out).pop().unwrap()["data"]["renamed"], 1);

    // One file named twice is cleaned once.
    descrape()
        .current_dir(&work)
        .args(["--force", "data/a.txt", "./data/a.txt"])
        .assert()
        .success()
        .stderr(predicate::str::contains("1 cleaned").and(predicate::str::contains("1 named twice")));
}

// See: issue #8, item 3.
#[test]
fn control_bytes_never_come_out_and_text_that_turns_binary_is_reported() {
    let t = Tree::new();
    t.write("ctl.txt", "Bell\x07 and escape\x1b[31m red &#x1b; and &#7; done.\r\n");
    descrape().arg(t.path("ctl.txt")).arg("-q").assert().success();
    let out = t.read("ctl.clean.txt");
    assert_eq!(out, "Bell and escape[31m red and done.\n");

    let mut data = b"A paragraph of text.\n\n".repeat(400_000);
    data.extend(std::iter::repeat_n(0u8, 100_000));
    t.write("binary-later.txt.gz", gzip(&data));
    descrape()
        .arg(t.path("binary-later.txt.gz"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("binary data from byte 8800000 on"));
    assert!(!t.path("binary-later.clean.txt").exists());

    // Standard input agrees with the batch: binary from the start is a skip, later an error.
    descrape()
        .arg("-")
        .write_stdin(&b"\0\0\0binary"[..])
        .assert()
        .success()
        .stderr(predicate::str::contains("skipped: binary"));
    descrape()
        .arg("-")
        .write_stdin(data)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("binary data from byte"));
}

// See: issue #8, item 5.
#[test]
fn a_field_no_record_has_is_an_error_and_repeated_errors_are_summed_up() {
    let input = "{\"id\":1,\"text\":\"a\"}\n".repeat(2000);
    let assert = descrape().args(["--jsonl", "--field", "txet"]).write_stdin(input).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("no record has the field `txet` (fields seen: id, text)"), "{stderr}");
    assert!(stderr.lines().count() < 12, "{stderr}");

    // Some records lack the field: each is an error, the first few are shown.
    let mut input = "{\"text\":\"<b>x</b>\"}\n".to_owned();
    input.push_str(&"{\"other\":1}\n".repeat(300));
    let assert = descrape().args(["--jsonl", "--on-error", "skip"]).write_stdin(input).assert().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert_eq!(stderr.matches("no field `text`").count(), 6, "{stderr}");
    assert!(stderr.contains("295 more errors like the above"), "{stderr}");

    // A nested field.
    descrape()
        .args(["--jsonl", "--field", "doc.text", "-q"])
        .write_stdin("{\"doc\":{\"text\":\"<p>x &amp; y</p>\"}}\n")
        .assert()
        .success()
        .stdout("{\"doc\":{\"text\":\"x & y\"}}\n");
}

// See: issue #8, item 6.
#[test]
fn a_bom_before_the_first_json_line_is_skipped() {
    descrape()
        .args(["--jsonl", "-q"])
        .write_stdin("\u{feff}{\"text\":\"<p>a</p>\"}\n{\"text\":\"<p>b</p>\"}\n")
        .assert()
        .success()
        .stdout("{\"text\":\"a\"}\n{\"text\":\"b\"}\n");
}

// See: issue #8, item 7.
#[test]
fn warc_quirks_lies_and_non_warc_input() {
    // ClueWeb: Content-Encoding gzip on a body that is not.
    let quirk =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n<p>Plain body.</p>";
    let good = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Next page.</p>";
    let mut input = warc_record("response", "<https://wget.example/a>", "", quirk);
    // A record whose Content-Length is 20 bytes too short, then a good one.
    let mut short = warc_record("response", "https://short/", "", good);
    let text = String::from_utf8(short.clone()).unwrap();
    let len = good.len();
    short = text
        .replace(&format!("Content-Length: {len}"), &format!("Content-Length: {}", len - 20))
        .into_bytes();
    input.extend(&short);
    input.extend(warc_record("response", "https://b/", "", good));
    let assert = descrape().args(["--warc"]).write_stdin(input).assert().code(1);
    let out = json_lines(&assert.get_output().stdout);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert_eq!(out.len(), 2, "{out:?}");
    assert_eq!(out[0]["url"], "https://wget.example/a");
    assert_eq!(out[0]["text"], "Plain body.");
    assert_eq!(out[1]["url"], "https://b/");
    assert!(stderr.contains("record at byte") && stderr.contains("ends before the record does"), "{stderr}");

    // Not a WARC file at all.
    let t = Tree::new();
    let passwd = t.write("passwd", "root:x:0:0:root:/root:/bin/bash\n".repeat(10));
    descrape()
        .arg("--warc")
        .arg(&passwd)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a WARC file"));

    // A Chinese page without a declared language: the script tells, a few Latin words do not.
    let zh = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>北京市今天发布了新的交通规定，市民可以在网上查询详细信息。</p><p>Home | a o e de para</p>";
    let out = descrape()
        .args(["--warc", "-q"])
        .write_stdin(warc_record("response", "https://zh/", "", zh.as_bytes()))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(json_lines(&out)[0]["lang"], "zh");
}

// See: issue #8, item 9.
#[cfg(unix)]
#[test]
fn out_dir_never_writes_through_a_symlink_planted_in_it() {
    let t = Tree::new();
    t.write("src/a/x.txt", "<p>x</p>");
    t.write("src/b/y.txt", "<p>y</p>");
    let elsewhere = Tree::new();
    fs::create_dir_all(t.path("clean/src")).unwrap();
    std::os::unix::fs::symlink(elsewhere.root(), t.path("clean/src/a")).unwrap();
    descrape()
        .current_dir(t.root())
        .args(["--out-dir", "clean", "src"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is a symlink: nothing is written through it"));
    assert_eq!(fs::read_dir(elsewhere.root()).unwrap().count(), 0);
    assert_eq!(t.read("clean/src/b/y.clean.txt"), "y\n");
}

// See: issue #8, items 10 and 11.
#[test]
fn dry_runs_delete_nothing_and_outputs_follow_the_umask() {
    let t = Tree::new();
    t.write("d/x.txt", "<p>x</p>");
    let other = t.write("d/.descrape-999999-notes.tmp", "another tool's notes");
    let leftover = t.write("d/.descrape-999999-aB3xYz.tmp", "Half an output.\n");
    descrape().arg(t.path("d")).arg("--dry-run").assert().success();
    assert!(other.exists() && leftover.exists());
    descrape().arg(t.path("d")).arg("-q").assert().success();
    assert!(other.exists(), "another tool's file was removed");
    assert!(!leftover.exists(), "our leftover stayed");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let probe = t.write("d/probe", "x");
        let expected = fs::metadata(probe).unwrap().permissions().mode() & 0o777;
        let mode = fs::metadata(t.path("d/x.clean.txt")).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, expected);
    }
}

/// A tree big enough that a batch of it runs for a while on one thread.
fn big_tree(t: &Tree, files: usize) {
    let para =
        "<p _ngcontent-c1 class= Ein Absatz mit etwas Text, der gereinigt werden muss.</p>\n\n".repeat(2000);
    for i in 0..files {
        t.write(&format!("dump/{:03}/f{i}.txt", i / 50), &para);
    }
}

// See: issue #8, item 12.
#[cfg(unix)]
#[test]
fn sigint_and_sigterm_stop_the_batch_cleanly() {
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        let t = Tree::new();
        big_tree(&t, 400);
        let bin = assert_cmd::cargo::cargo_bin("descrape");
        let child = Process::new(bin)
            .arg("-j1")
            .arg(t.path("dump"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Wait for the first outputs, then signal.
        let start = Instant::now();
        while walkdir::WalkDir::new(t.path("dump"))
            .into_iter()
            .flatten()
            .all(|e| !e.file_name().to_string_lossy().ends_with(".clean.txt"))
        {
            assert!(start.elapsed() < Duration::from_secs(60), "no output appeared");
            std::thread::sleep(Duration::from_millis(5));
        }
        Process::new("kill").arg(format!("-{signal}")).arg(child.id().to_string()).status().unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{stderr}");
        assert!(stderr.contains(&format!("stopped by SIG{signal}")), "{stderr}");
        assert!(stderr.contains("cleaned"), "{stderr}");
        let names: Vec<String> = walkdir::WalkDir::new(t.path("dump"))
            .into_iter()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!names.iter().any(|n| n.ends_with(".tmp")), "temporary files left");
        let cleaned = names.iter().filter(|n| n.ends_with(".clean.txt")).count();
        assert!(cleaned > 0 && cleaned < 400, "{cleaned} outputs");
    }
}

// See: issue #8, item 13.
#[test]
fn a_json_line_longer_than_the_limit_is_reported_not_held() {
    let mut input = "{\"text\":\"<p>first</p>\"}\n".to_owned();
    input.push_str(&format!("{{\"text\":\"{}\"}}\n", "x".repeat(100_000)));
    input.push_str("{\"text\":\"<p>last</p>\"}");
    descrape()
        .args(["--jsonl", "--max-record-bytes", "1000", "--on-error", "skip"])
        .write_stdin(input)
        .assert()
        .code(1)
        .stdout("{\"text\":\"first\"}\n{\"text\":\"last\"}\n")
        .stderr(predicate::str::contains("-:2: line of 100011 bytes is longer than --max-record-bytes 1000"));
}

// See: issue #8, item 15.
#[test]
fn flags_that_do_nothing_in_a_mode_are_refused_with_one_prefix() {
    for args in [&["--json", "-"][..], &["--dry-run", "-"], &["--ext", "md", "-"]] {
        descrape()
            .args(args)
            .write_stdin("x")
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with("descrape: "));
    }
    descrape()
        .args(["--warc", "--field", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("descrape: "));
    descrape()
        .args(["--jsonl", "--ext", "txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("descrape: "));
    descrape().arg("--no-such-flag").assert().code(2).stderr(predicate::str::starts_with("descrape: "));
}

// See: issue #8 (the fixed point must leave escaped markup alone) and #14 (cleaning must not
// build markup).
#[test]
fn escaped_markup_stays_text_and_cleaning_builds_no_markup() {
    let cleaner = descrape::Cleaner::builder().build().unwrap();
    let clean = |s: &str| cleaner.clean(s).text;
    for (input, expected) in [
        (
            "“The human is very &lt;&lt;loosey-goosey&gt;&gt;today, Stu,” she said.",
            "“The human is very <<loosey-goosey>>today, Stu,” she said.\n",
        ),
        (
            "<p>It loads an &lt;img&gt; tag.</p><p>Then <b>x</b> &lt; y.</p>",
            "It loads an <img> tag.\n\nThen x < y.\n",
        ),
        (
            "Use &lt;p&gt; for paragraphs and &lt;br&gt; for breaks.",
            "Use <p> for paragraphs and <br> for breaks.\n",
        ),
        (
            "Write &#123;&#123; name }} and &#91;caption] in a template.",
            "Write {{ name }} and [caption] in a template.\n",
        ),
        ("&am<b>p; and more", "& and more\n"),
        ("{<b>{ name }} stays out", "stays out\n"),
        ("<s<!-- x -->cript>alert(1)</script>", "cript>alert(1)\n"),
        ("<p<b>>", ">\n"),
        // A rule the second look makes (`<H` and `r` read as `<Hr`) is no empty paragraph.
        ("a\n\n<H<b>r\n\nb", "a\n\nb\n"),
        ("Zeile&#13;eins x&#12;y a &#10. b", "Zeile eins x y a . b\n"),
    ] {
        let once = clean(input);
        assert_eq!(once, expected, "{input:?}");
        if !input.contains("&lt;") && !input.contains("&#") {
            assert_eq!(clean(&once), once, "second pass of {input:?}");
        }
    }
}
