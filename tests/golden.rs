//! Golden files: every input under `tests/data/` with an expected output beside it must come
//! out byte for byte, as text (`*.clean.txt`) and as Markdown with links (`*.clean.md`). The
//! expected files were read line by line before they were committed.

use std::fs;
use std::path::Path;

/// `DESCRAPE_BLESS=1 cargo test --test integration golden` writes what the cleaner gives as
/// the expected outputs, to be read line by line (`git diff`) before they are committed.
fn bless() -> bool {
    std::env::var_os("DESCRAPE_BLESS").is_some_and(|v| v == "1")
}

fn check_dir(dir: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let cleaner = descrape::Cleaner::builder().build().unwrap();
    let markdown =
        descrape::Cleaner::builder().format(descrape::Format::Markdown).links(true).build().unwrap();
    let mut n = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt" && e != "html") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let input = fs::read_to_string(&path).unwrap();
        for (cleaner, ext) in [(&cleaner, "txt"), (&markdown, "md")] {
            let expected = dir.join("expected").join(format!("{stem}.clean.{ext}"));
            let got = cleaner.clean(&input).text;
            if bless() {
                fs::write(&expected, &got).unwrap();
                continue;
            }
            let want =
                fs::read_to_string(&expected).unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
            pretty_diff(&expected, &got, &want);
            if ext == "txt" {
                // Cleaning is idempotent on these.
                assert_eq!(
                    cleaner.clean(&got).text,
                    got,
                    "{}: second pass changed the output",
                    path.display()
                );
            }
        }
        n += 1;
    }
    assert!(n > 0, "no golden inputs in {}", dir.display());
}

fn pretty_diff(path: &Path, got: &str, want: &str) {
    if got == want {
        return;
    }
    for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
        if g != w {
            panic!("{}: line {}\n got: {g:?}\nwant: {w:?}", path.display(), i + 1);
        }
    }
    panic!("{}: output differs (length {} vs {})\n{got}", path.display(), got.len(), want.len());
}

#[test]
fn seeds_match_their_expected_output_byte_for_byte() {
    check_dir("tests/data/seeds");
}

#[test]
fn crafted_residue_matches_its_expected_output_byte_for_byte() {
    check_dir("tests/data/golden");
}

/// Whole pages of each kind (news with comments, blog, forum thread, product, docs with code,
/// a table, RTL, CJK): the main content without the page's furniture, title first.
#[test]
fn whole_pages_keep_their_main_content_byte_for_byte() {
    check_dir("tests/data/pages");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pages");
    let cleaner = descrape::Cleaner::builder().build().unwrap();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "html") {
            let out = cleaner.clean(&fs::read_to_string(&path).unwrap());
            assert_eq!(out.stats.pages, 1, "{} was not read as a page", path.display());
        }
    }
}
