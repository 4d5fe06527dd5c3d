//! The batch runner: originals untouched, atomic outputs, resume and --force, one bad file
//! never stops the batch, decoding, --out-dir, name collisions, --files-from, --json.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;

use crate::util::{Tree, descrape};

/// Every file under `root` with its bytes.
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(root).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
            out.insert(rel, fs::read(e.path()).unwrap());
        }
    }
    out
}

/// Runs a successful `descrape … --json` and returns the `data` of its summary record.
fn json_summary(cmd: &mut assert_cmd::Command) -> Value {
    let out = cmd.arg("--json").assert().success().get_output().stdout.clone();
    let summary = json_records(&out).pop().unwrap();
    assert_eq!(summary["type"], "summary");
    summary["data"].clone()
}

fn json_records(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn sample_tree() -> Tree {
    let t = Tree::new();
    t.write("dump/a/one.txt", "<p _ngcontent-c1 class= Erster Absatz.</p>\n\nLeave a Reply\n");
    t.write(
        "dump/a/two.html",
        "<html><head><title>T</title></head><body><p>Zweiter &amp; letzter.</p></body></html>",
    );
    t.write("dump/b/three.htm", "Plain text.\n");
    t.write("dump/b/notes.md", "<p>not an input by extension</p>");
    t
}

#[test]
fn originals_are_byte_identical_after_a_run() {
    let t = sample_tree();
    let before = snapshot(t.root());
    descrape().arg(t.path("dump")).arg("-q").assert().success().stdout("").stderr("");
    let after = snapshot(t.root());
    for (name, bytes) in &before {
        assert_eq!(after.get(name), Some(bytes), "{name} changed");
    }
    assert_eq!(t.read("dump/a/one.clean.txt"), "Erster Absatz.\n");
    // A whole page: its title first, once.
    assert_eq!(t.read("dump/a/two.clean.txt"), "T\n\nZweiter & letzter.\n");
    assert_eq!(t.read("dump/b/three.clean.txt"), "Plain text.\n");
    assert!(!t.path("dump/b/notes.clean.txt").exists());
    assert_eq!(after.len(), before.len() + 3, "only the three outputs were added: {:?}", after.keys());
}

#[test]
fn a_rerun_skips_everything_and_force_redoes_it() {
    let t = sample_tree();
    descrape().arg(t.path("dump")).arg("-q").assert().success();
    let summary = json_summary(descrape().arg(t.path("dump")));
    assert_eq!(summary["up_to_date"], 3);
    assert_eq!(summary["cleaned"], 0);
    let summary = json_summary(descrape().arg(t.path("dump")).arg("--force"));
    assert_eq!(summary["cleaned"], 3);
    assert_eq!(summary["up_to_date"], 0);
}

#[test]
fn an_input_newer_than_its_output_is_cleaned_again() {
    let t = sample_tree();
    descrape().arg(t.path("dump")).arg("-q").assert().success();
    let input = t.write("dump/b/three.htm", "Changed text.\n");
    // File times are coarse: say plainly that the input is newer than its output.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    fs::File::options().write(true).open(&input).unwrap().set_modified(later).unwrap();
    let summary = json_summary(descrape().arg(t.path("dump")));
    assert_eq!(summary["cleaned"], 1);
    assert_eq!(summary["up_to_date"], 2);
    assert_eq!(t.read("dump/b/three.clean.txt"), "Changed text.\n");
}

#[cfg(unix)]
#[test]
fn each_bad_file_gives_one_reason_and_the_rest_is_cleaned() {
    let t = Tree::new();
    t.write("d/good.txt", "<b>Good</b> text.");
    t.write("d/image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    t.write("d/empty.txt", "");
    std::os::unix::fs::symlink(t.path("d/nowhere.txt"), t.path("d/dangling.txt")).unwrap();
    let (latin, _, _) =
        encoding_rs::WINDOWS_1252.encode("Les travaux ont coûté très cher à la commune, a déclaré le maire.");
    t.write("d/latin.txt", &*latin);
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("東京都の天気は晴れです。明日は雨が降るでしょう。");
    t.write("d/japanese.txt", &*sjis);
    t.write("d/blocked.txt", "Its output path is a directory.");
    fs::create_dir(t.path("d/blocked.clean.txt")).unwrap();
    let assert = descrape().arg(t.path("d")).arg("--json").assert().code(1);
    let out = assert.get_output();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("dangling.txt: dangling symlink"), "{stderr}");
    assert!(stderr.contains("blocked.txt: writing"), "{stderr}");
    assert!(stderr.contains("is a directory"), "{stderr}");
    let records = json_records(&out.stdout);
    let by_path = |name: &str| {
        records
            .iter()
            .find(|r| r["data"]["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .unwrap_or_else(|| panic!("no record for {name}: {records:?}"))
    };
    assert_eq!(by_path("image.txt")["data"]["reason"], "binary (PNG image)");
    assert_eq!(by_path("empty.txt")["data"]["reason"], "empty");
    assert_eq!(by_path("dangling.txt")["type"], "error");
    assert_eq!(by_path("blocked.txt")["type"], "error");
    assert_eq!(by_path("latin.txt")["data"]["encoding"], "windows-1252");
    assert_eq!(by_path("japanese.txt")["data"]["encoding"], "Shift_JIS");
    assert_eq!(t.read("d/good.clean.txt"), "Good text.\n");
    assert_eq!(
        t.read("d/latin.clean.txt"),
        "Les travaux ont coûté très cher à la commune, a déclaré le maire.\n"
    );
    assert_eq!(t.read("d/japanese.clean.txt"), "東京都の天気は晴れです。明日は雨が降るでしょう。\n");
    assert!(!t.path("d/image.clean.txt").exists());
    assert!(!t.path("d/empty.clean.txt").exists());
    let s = &records.last().unwrap()["data"];
    assert_eq!(s["failed"], 2);
    assert_eq!(s["cleaned"], 3);
}

#[test]
fn json_records_parse_and_their_numbers_add_up() {
    let t = sample_tree();
    t.write("dump/c/blank.txt", "");
    let out = descrape().arg(t.path("dump")).arg("--json").assert().success().get_output().stdout.clone();
    let records = json_records(&out);
    let summary = records.last().unwrap();
    assert_eq!(summary["type"], "summary");
    let s = &summary["data"];
    let files = records.len() as u64 - 1;
    assert_eq!(s["files"].as_u64(), Some(files));
    let skipped: u64 = s["skipped"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
    let parts = ["cleaned", "would_clean", "up_to_date", "failed"]
        .iter()
        .map(|k| s[k].as_u64().unwrap())
        .sum::<u64>();
    assert_eq!(parts + skipped, files);
    let file_records: Vec<&Value> = records.iter().filter(|r| r["type"] == "file").collect();
    let bytes_in: u64 = file_records.iter().map(|r| r["data"]["bytes_in"].as_u64().unwrap()).sum();
    let bytes_out: u64 = file_records.iter().map(|r| r["data"]["bytes_out"].as_u64().unwrap()).sum();
    assert_eq!(s["bytes_in"].as_u64(), Some(bytes_in));
    assert_eq!(s["bytes_out"].as_u64(), Some(bytes_out));
    assert_eq!(s["rules"]["comment-form"], 1);
}

#[test]
fn out_dir_mirrors_the_input_tree_and_writes_nothing_else() {
    let t = sample_tree();
    let before = snapshot(&t.path("dump"));
    descrape()
        .current_dir(t.root())
        .args(["--out-dir", "out", "dump", "-q"])
        .assert()
        .success()
        .stdout("")
        .stderr("");
    assert_eq!(snapshot(&t.path("dump")), before);
    let out = snapshot(&t.path("out"));
    let names: Vec<&str> = out.keys().map(String::as_str).collect();
    assert_eq!(names, ["dump/a/one.clean.txt", "dump/a/two.clean.txt", "dump/b/three.clean.txt"]);
}

#[test]
fn colliding_outputs_keep_their_extension_and_the_summary_says_so() {
    let t = Tree::new();
    t.write("d/x.txt", "From the text file.");
    t.write("d/x.html", "<p>From the HTML file.</p>");
    descrape()
        .arg(t.path("d"))
        .assert()
        .success()
        .stderr(predicate::str::contains("1 outputs kept their input's extension"));
    assert_eq!(t.read("d/x.clean.txt"), "From the text file.\n");
    assert_eq!(t.read("d/x.html.clean.txt"), "From the HTML file.\n");
}

#[test]
fn dry_run_lists_and_writes_nothing() {
    let t = sample_tree();
    let before = snapshot(t.root());
    descrape()
        .current_dir(t.root())
        .args(["--dry-run", "dump"])
        .assert()
        .success()
        .stdout(predicate::str::contains("dump/a/one.txt -> dump/a/one.clean.txt"));
    assert_eq!(snapshot(t.root()), before);
}

#[test]
fn files_from_reads_lines_or_nul_separated_paths() {
    let t = sample_tree();
    t.write("list.txt", "dump/a/one.txt\ndump/b\n");
    descrape().current_dir(t.root()).args(["--files-from", "list.txt", "-q"]).assert().success().stderr("");
    assert!(t.path("dump/a/one.clean.txt").exists());
    assert!(t.path("dump/b/three.clean.txt").exists());
    assert!(!t.path("dump/a/two.clean.txt").exists());
    descrape()
        .current_dir(t.root())
        .args(["--files-from", "-", "-0", "-q"])
        .write_stdin("dump/a/two.html\0")
        .assert()
        .success();
    assert!(t.path("dump/a/two.clean.txt").exists());
}

#[test]
fn ext_chooses_the_inputs_of_directories() {
    let t = sample_tree();
    descrape().arg(t.path("dump")).args(["--ext", "md", "-q"]).assert().success();
    assert!(t.path("dump/b/notes.clean.txt").exists());
    assert!(!t.path("dump/a/one.clean.txt").exists());
}

#[test]
fn stale_temporary_files_are_removed_and_never_taken_for_outputs() {
    let t = sample_tree();
    // Written by a process that no longer runs (no process has this id).
    let stale = t.write("dump/a/.descrape-4000000000-abc123.tmp", "half an outp");
    let live = t.write(&format!("dump/b/.descrape-{}-xyz.tmp", std::process::id()), "another run's");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    fs::File::options().write(true).open(&stale).unwrap().set_modified(old).unwrap();
    descrape()
        .arg(t.path("dump"))
        .assert()
        .success()
        .stderr(predicate::str::contains("1 temporary files of an interrupted run removed"));
    assert!(!stale.exists());
    assert!(live.exists(), "a temporary file of a running process is not a leftover");
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_fifos_do_not_hang_the_walk() {
    let t = sample_tree();
    std::os::unix::fs::symlink(t.path("dump"), t.path("dump/a/loop")).unwrap();
    let fifo = t.path("dump/b/pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().map(|s| s.success()).unwrap_or(false);
    let summary = json_summary(descrape().arg(t.path("dump")).timeout(std::time::Duration::from_secs(20)));
    assert_eq!(summary["cleaned"], 3);
    if made {
        assert_eq!(summary["skipped"]["not a regular file"], 1);
    } else {
        eprintln!(
            "symlink_loops_and_fifos_do_not_hang_the_walk: mkfifo failed here; the FIFO half was not tested"
        );
    }
}

#[cfg(unix)]
#[test]
fn hostile_file_names_are_printed_escaped() {
    let t = Tree::new();
    std::os::unix::fs::symlink(t.path("missing"), t.path("evil\x1b[31mred\n.txt")).unwrap();
    let out = descrape().arg(t.root()).assert().code(1).get_output().stderr.clone();
    let stderr = String::from_utf8_lossy(&out);
    assert!(stderr.contains("evil\\u{1b}[31mred\\n.txt: dangling symlink"), "{stderr}");
    assert!(!stderr.contains('\x1b'));
}

#[test]
fn quiet_prints_only_errors() {
    let t = sample_tree();
    descrape().arg(t.path("dump")).arg("-q").assert().success().stdout("").stderr("");
    descrape()
        .arg(t.path("missing-dir"))
        .arg("-q")
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("missing-dir"));
}

#[test]
fn piped_stderr_gets_no_progress_bar() {
    let t = sample_tree();
    let out = descrape().arg(t.path("dump")).assert().success().get_output().stderr.clone();
    let stderr = String::from_utf8_lossy(&out);
    assert!(!stderr.contains('\r') && !stderr.contains('\x1b'), "{stderr:?}");
    assert!(stderr.starts_with("descrape: 3 files: 3 cleaned"), "{stderr}");
}

#[test]
fn one_thread_and_many_give_the_same_outputs() {
    let t = Tree::new();
    for i in 0..40 {
        t.write(&format!("d/{i:02}.txt"), format!("<p class= Absatz Nummer {i}.</p>\n\nLeave a Reply"));
    }
    for (jobs, out) in [("1", "one"), ("4", "four")] {
        descrape()
            .arg(t.path("d"))
            .args(["-j", jobs, "--out-dir"])
            .arg(t.path(out))
            .arg("-q")
            .assert()
            .success();
    }
    let one = snapshot(&t.path("one"));
    assert_eq!(one.len(), 40);
    assert_eq!(one.values().collect::<Vec<_>>(), snapshot(&t.path("four")).values().collect::<Vec<_>>());
}

#[test]
fn compressed_inputs_are_cleaned_and_outputs_compressed_on_request() {
    let t = Tree::new();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, b"<p>From gzip.</p>").unwrap();
    t.write("d/a.txt.gz", gz.finish().unwrap());
    t.write("d/b.html.zst", zstd::encode_all(&b"<p>From zstd.</p>"[..], 3).unwrap());
    descrape().arg(t.path("d")).arg("-q").assert().success().stderr("");
    assert_eq!(t.read("d/a.clean.txt"), "From gzip.\n");
    assert_eq!(t.read("d/b.clean.txt"), "From zstd.\n");
    descrape().arg(t.path("d")).args(["-q", "--compress", "zst"]).assert().success();
    let out = fs::read(t.path("d/a.clean.txt.zst")).unwrap();
    assert_eq!(zstd::decode_all(&out[..]).unwrap(), b"From gzip.\n");
    // An extension given with its compression's (`--ext txt.gz`) names the same files as
    // the one under it: it found none.
    fs::remove_file(t.path("d/a.clean.txt")).unwrap();
    descrape()
        .arg(t.path("d"))
        .args(["--ext", "txt.gz"])
        .assert()
        .success()
        .stderr(predicate::str::contains("1 file: 1 cleaned"));
    assert_eq!(t.read("d/a.clean.txt"), "From gzip.\n");
}
