//! The `descrape` Python module: the library's [`descrape::Cleaner`] as a Python class, with
//! batches cleaned on every core without the GIL, and the library's WARC reader as an
//! iterator of pages.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use descrape::stream::warc::{self, Output, Records};
use descrape::{Cleaned, Format, Input, RuleSet, Stats};
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use rayon::prelude::*;

/// Rust's allocations in this module (not Python's): the allocator the command line uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The longest text `clean` takes by default: the CLI's limit for one JSON Lines record.
const DEFAULT_MAX_BYTES: usize = 64 << 20;

/// A configured cleaner. Build one and reuse it: building compiles the rules.
///
/// `rules`: a rule file's path, or a list of them, added to the built-in rules (see
/// rules/README.md for the kinds of files). `format`: "text", "markdown" or "json".
/// `input`: "auto" (whole pages on the DOM path, text with leftover markup through the
/// residue lexer), "html" or "text". `links`: keep link targets in Markdown and JSON.
/// `max_bytes`: a longer text is refused with a ValueError (clean larger inputs with the
/// command line, which streams them).
#[pyclass(frozen, module = "descrape", name = "Cleaner")]
struct PyCleaner {
    cleaner: Arc<descrape::Cleaner>,
    max_bytes: usize,
    /// Thread pools by size, built on first use.
    pools: Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>,
}

#[pymethods]
impl PyCleaner {
    #[new]
    #[pyo3(signature = (rules = None, format = "text", input = "auto", links = false, max_bytes = DEFAULT_MAX_BYTES))]
    fn new(
        rules: Option<&Bound<'_, PyAny>>,
        format: &str,
        input: &str,
        links: bool,
        max_bytes: usize,
    ) -> PyResult<PyCleaner> {
        let format: Format = format.parse().map_err(PyValueError::new_err)?;
        let input = match input {
            "auto" => Input::Auto,
            "html" => Input::Html,
            "text" => Input::Text,
            other => {
                return Err(PyValueError::new_err(format!(
                    "input must be auto, html or text, not {other:?}"
                )));
            }
        };
        let mut set = RuleSet::builtin();
        for path in rule_paths(rules)? {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| PyOSError::new_err(format!("{}: reading rule file: {e}", path.display())))?;
            set.add_source(&path.to_string_lossy(), &text)
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
        }
        let cleaner = descrape::Cleaner::builder()
            .rules(set)
            .format(format)
            .input(input)
            .links(links)
            .build()
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(PyCleaner { cleaner: Arc::new(cleaner), max_bytes, pools: Mutex::new(HashMap::new()) })
    }

    /// Cleans one text and returns it in the cleaner's format.
    fn clean(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
        let text = self.text_of(text)?;
        Ok(py.detach(|| self.cleaner.clean(&text).text))
    }

    /// Cleans one text and returns a dict: `text`, `title`, `lang`, `read_as` ("page" or
    /// "text": which path ran) and `stats` (what cleaning did, as the CLI's JSON counts it).
    fn clean_record<'py>(&self, py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
        let text = self.text_of(text)?;
        let cleaned = py.detach(|| self.cleaner.clean(&text));
        record(py, cleaned)
    }

    /// Cleans many texts on `threads` threads (default: every core, or `RAYON_NUM_THREADS`)
    /// with the GIL released; returns the texts in the order given. Equal, text by text, to
    /// calling `clean` on each.
    #[pyo3(signature = (texts, threads = None))]
    fn clean_many(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Vec<String>> {
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err("clean_many takes an iterable of str, not one str"));
        }
        let mut owned = Vec::new();
        for (i, item) in texts.try_iter()?.enumerate() {
            let item = item?;
            owned.push(self.text_of(&item).map_err(|e| {
                let why = e.value(py).to_string();
                if e.is_instance_of::<PyTypeError>(py) {
                    PyTypeError::new_err(format!("texts[{i}]: {why}"))
                } else {
                    PyValueError::new_err(format!("texts[{i}]: {why}"))
                }
            })?);
        }
        let pool = match threads {
            Some(0) => return Err(PyValueError::new_err("threads must be 1 or more")),
            Some(n) => Some(self.pool(n)?),
            None => None,
        };
        let cleaner = &self.cleaner;
        Ok(py.detach(|| {
            let run = || owned.par_iter().map(|t| cleaner.clean(t).text).collect::<Vec<String>>();
            match pool {
                Some(pool) => pool.install(run),
                None => run(),
            }
        }))
    }

    /// Reads a WARC or WET file (plain, gzip or zstd) and yields one dict per HTML page,
    /// cleaned by this cleaner: see `descrape.read_warc`.
    fn read_warc(&self, source: &Bound<'_, PyAny>) -> PyResult<WarcPages> {
        WarcPages::open(source, Arc::clone(&self.cleaner))
    }

    fn __repr__(&self) -> String {
        format!("descrape.Cleaner(format={:?})", self.cleaner.format().extension())
    }
}

impl PyCleaner {
    /// The text of a Python argument: a `str` within the size limit.
    fn text_of(&self, value: &Bound<'_, PyAny>) -> PyResult<String> {
        let Ok(s) = value.cast::<PyString>() else {
            let kind = value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
            let hint = if kind == "bytes" || kind == "bytearray" { " (decode it first)" } else { "" };
            return Err(PyTypeError::new_err(format!("expected str, not {kind}{hint}")));
        };
        let s = s.to_cow()?;
        if s.len() > self.max_bytes {
            return Err(PyValueError::new_err(format!(
                "text of {} bytes is over max_bytes ({}); clean it with the command line, which streams it",
                s.len(),
                self.max_bytes
            )));
        }
        Ok(s.into_owned())
    }

    fn pool(&self, threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
        let mut pools = self.pools.lock().map_err(|_| PyValueError::new_err("thread pool lock poisoned"))?;
        if let Some(p) = pools.get(&threads) {
            return Ok(Arc::clone(p));
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| PyOSError::new_err(format!("starting {threads} threads: {e}")))?;
        let pool = Arc::new(pool);
        pools.insert(threads, Arc::clone(&pool));
        Ok(pool)
    }
}

/// The paths `rules` names: none, one path, or an iterable of paths.
fn rule_paths(rules: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<PathBuf>> {
    let Some(rules) = rules else { return Ok(Vec::new()) };
    if rules.is_none() {
        return Ok(Vec::new());
    }
    if let Ok(one) = rules.extract::<PathBuf>() {
        return Ok(vec![one]);
    }
    let mut out = Vec::new();
    for item in
        rules.try_iter().map_err(|_| PyTypeError::new_err("rules must be a path or a list of paths"))?
    {
        out.push(
            item?
                .extract::<PathBuf>()
                .map_err(|_| PyTypeError::new_err("rules must be a path or a list of paths"))?,
        );
    }
    Ok(out)
}

/// A cleaning result as a dict.
fn record(py: Python<'_>, cleaned: Cleaned) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("read_as", if cleaned.stats.pages > 0 { "page" } else { "text" })?;
    d.set_item("stats", stats(py, &cleaned.stats)?)?;
    d.set_item("title", cleaned.title)?;
    d.set_item("lang", cleaned.lang)?;
    d.set_item("text", cleaned.text)?;
    Ok(d)
}

/// What cleaning did, by the names the CLI's JSON uses (the library's own serialization, so
/// a count the library adds comes here too).
fn stats<'py>(py: Python<'py>, s: &Stats) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(s).map_err(|e| PyValueError::new_err(e.to_string()))?;
    to_python(py, &value)
}

/// A JSON value as the Python value `json.loads` would give.
fn to_python<'py>(py: Python<'py>, v: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u.into_pyobject(py)?.into_any(),
            (None, Some(i)) => i.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = pyo3::types::PyList::empty(py);
            for item in items {
                list.append(to_python(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let d = PyDict::new(py);
            for (k, item) in map {
                d.set_item(k, to_python(py, item)?)?;
            }
            d.into_any()
        }
    })
}

/// The pages of a WARC or WET file, one dict each: `url`, `warc_record_id`, `date`,
/// `content_type`, `lang` and `text`. Records that are no HTML page are skipped and counted
/// in `skipped`; damaged ones are listed in `broken` (with their byte offsets), and reading
/// goes on after them.
#[pyclass(module = "descrape", name = "WarcPages", unsendable)]
struct WarcPages {
    records: Records<'static>,
    cleaner: Arc<descrape::Cleaner>,
    #[pyo3(get)]
    skipped: u64,
    #[pyo3(get)]
    broken: Vec<String>,
}

impl WarcPages {
    fn open(source: &Bound<'_, PyAny>, cleaner: Arc<descrape::Cleaner>) -> PyResult<WarcPages> {
        let raw: Box<dyn Read> = if let Ok(path) = source.extract::<PathBuf>() {
            let file =
                File::open(&path).map_err(|e| PyOSError::new_err(format!("{}: {e}", path.display())))?;
            Box::new(file)
        } else if source.hasattr("read")? {
            Box::new(PyReader { file: source.clone().unbind() })
        } else {
            return Err(PyTypeError::new_err("read_warc takes a path or a binary file object"));
        };
        let reader = decompress(BufReader::with_capacity(256 << 10, raw))
            .map_err(|e| PyOSError::new_err(format!("reading the WARC file: {e}")))?;
        Ok(WarcPages { records: warc::records(reader), cleaner, skipped: 0, broken: Vec::new() })
    }
}

#[pymethods]
impl WarcPages {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        for item in self.records.by_ref() {
            match warc::clean(&self.cleaner, item) {
                Output::Page(page) => {
                    let d = PyDict::new(py);
                    d.set_item("url", &page.url)?;
                    d.set_item("warc_record_id", &page.warc_record_id)?;
                    d.set_item("date", &page.date)?;
                    d.set_item("content_type", &page.content_type)?;
                    d.set_item("lang", &page.lang)?;
                    d.set_item("text", &page.text)?;
                    return Ok(Some(d));
                }
                Output::Skipped(_) => self.skipped += 1,
                Output::Broken(why) => self.broken.push(why),
            }
        }
        Ok(None)
    }
}

/// A Python binary file object read from Rust.
struct PyReader {
    file: Py<PyAny>,
}

impl Read for PyReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        Python::attach(|py| {
            let chunk =
                self.file.bind(py).call_method1("read", (buf.len(),)).map_err(std::io::Error::other)?;
            let bytes: &[u8] = chunk.extract().map_err(|_| {
                std::io::Error::other("the file object's read() must return bytes (open it in binary mode)")
            })?;
            let Some(dest) = buf.get_mut(..bytes.len()) else {
                return Err(std::io::Error::other("the file object's read(n) returned more than n bytes"));
            };
            dest.copy_from_slice(bytes);
            Ok(bytes.len())
        })
    }
}

/// The reader, decompressed when its first bytes say gzip or zstd.
fn decompress(mut r: BufReader<Box<dyn Read>>) -> std::io::Result<Box<dyn BufRead>> {
    let head = r.fill_buf()?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(r))))
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Ok(Box::new(BufReader::new(zstd::stream::read::Decoder::with_buffer(r)?)))
    } else {
        Ok(Box::new(r))
    }
}

/// The cleaner `descrape.clean` and `descrape.read_warc` use: built-in rules, plain text.
fn default_cleaner() -> PyResult<&'static Py<PyCleaner>> {
    static DEFAULT: OnceLock<Py<PyCleaner>> = OnceLock::new();
    if let Some(c) = DEFAULT.get() {
        return Ok(c);
    }
    let c =
        Python::attach(|py| Py::new(py, PyCleaner::new(None, "text", "auto", false, DEFAULT_MAX_BYTES)?))?;
    Ok(DEFAULT.get_or_init(|| c))
}

/// Cleans one text with the default cleaner (built-in rules, plain text).
#[pyfunction]
fn clean(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    default_cleaner()?.get().clean(py, text)
}

/// Reads a WARC or WET file (a path, or a binary file object; plain, gzip or zstd) and yields
/// one dict per HTML page: `url`, `warc_record_id`, `date`, `content_type`, `lang`, `text`.
/// `cleaner` defaults to the default cleaner.
#[pyfunction]
#[pyo3(signature = (source, cleaner = None))]
fn read_warc(source: &Bound<'_, PyAny>, cleaner: Option<&Bound<'_, PyCleaner>>) -> PyResult<WarcPages> {
    match cleaner {
        Some(c) => c.get().read_warc(source),
        None => default_cleaner()?.get().read_warc(source),
    }
}

#[pymodule(name = "descrape")]
fn descrape_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCleaner>()?;
    m.add_class::<WarcPages>()?;
    m.add_function(wrap_pyfunction!(clean, m)?)?;
    m.add_function(wrap_pyfunction!(read_warc, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
