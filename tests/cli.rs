//! The command line: stdin to stdout, files and directories to `*.clean.txt`, user rule
//! files, exit codes. Every test checks stdout, stderr and the exit code.

use std::fs;
use std::path::Path;

use assert_cmd::assert::Assert;
use predicates::prelude::*;

use crate::util::{Tree, descrape};

#[test]
fn dash_reads_stdin_and_writes_stdout() {
    descrape()
        .arg("-")
        .write_stdin("<p _ngcontent-sc90 class= Während die Sonne schien.\n\nLeave a Reply")
        .assert()
        .success()
        .stdout("Während die Sonne schien.\n")
        .stderr("");
}

#[test]
fn files_get_a_clean_txt_next_to_them_and_originals_stay() {
    let t = Tree::new();
    let original = "<p>Hello &amp; welcome.</p>";
    t.write("a/article.txt", original);
    t.write("a/page.html", "<h1>Title</h1><p>Body.</p>");
    t.write("a/notes.md", "<p>not an input</p>");
    descrape().arg(t.root()).arg("-q").assert().success().stdout("").stderr("");
    assert_eq!(t.read("a/article.clean.txt"), "Hello & welcome.\n");
    assert_eq!(t.read("a/page.clean.txt"), "Title\n\nBody.\n");
    assert_eq!(t.read("a/article.txt"), original);
    assert!(!t.path("a/notes.clean.txt").exists());
}

#[test]
fn outputs_are_never_taken_as_inputs() {
    let t = Tree::new();
    t.write("x.txt", "<b>x</b>");
    descrape().arg(t.root()).assert().success().stdout("");
    descrape()
        .arg(t.root())
        .arg("--force")
        .assert()
        .success()
        .stderr(predicate::str::contains("1 file: 1 cleaned"));
    assert!(!t.path("x.clean.clean.txt").exists());
    let names: Vec<_> = fs::read_dir(t.root()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_missing_file_fails_alone_with_exit_code_1() {
    let t = Tree::new();
    let good = t.write("good.txt", "<p>fine</p>");
    descrape().arg(t.path("missing.txt")).arg(&good).assert().code(1).stdout("").stderr(
        predicate::str::contains("missing.txt: No such file")
            .and(predicate::str::contains("2 files: 1 cleaned, 0 up to date, 0 skipped, 1 failed")),
    );
    assert_eq!(t.read("good.clean.txt"), "fine\n");
}

/// `descrape [--rules FILE] -` on `input`.
fn clean_stdin(rules: Option<&Path>, input: impl Into<Vec<u8>>) -> Assert {
    let mut cmd = descrape();
    if let Some(rules) = rules {
        cmd.arg("--rules").arg(rules);
    }
    cmd.arg("-").write_stdin(input).assert()
}

#[test]
fn user_rule_files_add_phrases() {
    let t = Tree::new();
    let rules = t.write("90-house-ads.en.txt", "# our footer\nSupport our journalism\n");
    clean_stdin(Some(&rules), "The story.\n\nSupport our journalism!\n").success().stdout("The story.\n");
}

#[test]
fn user_rule_files_add_read_more_labels() {
    let t = Tree::new();
    let teaser = "The council met on Tuesday. Lees het hele verhaal";
    let input = format!("The story.\n\n{teaser}\n");
    // Without the label, the teaser stays; with it, it goes.
    clean_stdin(None, input.clone()).success().stdout(input.clone());
    let rules = t.write("read-more.nl.txt", "# our teasers\nLees het hele verhaal\n");
    clean_stdin(Some(&rules), input).success().stdout("The story.\n");
}

#[test]
fn a_bad_rule_file_is_a_usage_error_naming_file_and_line() {
    let t = Tree::new();
    let rules = t.write("90-mine.en.txt", "fine phrase\nok\n");
    clean_stdin(Some(&rules), "x").code(2).stdout("").stderr(predicate::str::contains("90-mine.en.txt:2:"));
}

#[test]
fn no_arguments_is_a_usage_error() {
    descrape().assert().code(2).stdout("").stderr(predicate::str::contains("nothing to clean"));
}

#[test]
fn non_utf8_bytes_do_not_stop_the_file() {
    let t = Tree::new();
    t.write("bad.txt", b"ok \xff\xfe text\n");
    descrape().arg(t.path("bad.txt")).arg("-q").assert().success().stdout("").stderr("");
    assert!(t.read("bad.clean.txt").starts_with("ok "));
}
