//! zhengce-py: the extractor as the Python extension module `zhengce._zhengce`.
//!
//! The Python package (`python/zhengce/`) wraps it. This layer only reads
//! inputs, runs `zhengce_extract::Extractor` with the GIL released, and hands
//! back each document as the CLI's JSON text, written by the extractor's own
//! writer (`model::to_json`), so the package's dicts are `json.loads` of the
//! very bytes `zhengce extract` writes. Errors become `zhengce.ExtractError`
//! (path and reason), as the batch reports them; a panic in the extractor is
//! that input's error, not the interpreter's.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict};
use rayon::prelude::*;
use zhengce_extract::{model, Config, Extractor, Limits};

/// The name a document given as bytes goes by when the caller names none.
const DEFAULT_NAME: &str = "document.txt";

/// One input: a file to read, or bytes in memory, and the name it goes by in
/// the output (`source.path`) and in errors.
enum Input {
    File { path: PathBuf, name: String },
    Bytes { bytes: Vec<u8>, name: String },
}

/// Why an input gave no document: the `path` and `reason` of `zhengce.ExtractError`.
struct Failure {
    path: String,
    reason: String,
}

impl Input {
    /// `bytes`/`bytearray` are the document; `str` and `os.PathLike` name a file.
    fn from_py(data: &Bound<'_, PyAny>, name: Option<String>) -> PyResult<Input> {
        if let Ok(b) = data.cast::<PyBytes>() {
            let name = name.unwrap_or_else(|| DEFAULT_NAME.to_string());
            return Ok(Input::Bytes { bytes: b.as_bytes().to_vec(), name });
        }
        if let Ok(b) = data.cast::<PyByteArray>() {
            let name = name.unwrap_or_else(|| DEFAULT_NAME.to_string());
            return Ok(Input::Bytes { bytes: b.to_vec(), name });
        }
        match data.extract::<PathBuf>() {
            Ok(path) => {
                let name = name.unwrap_or_else(|| path.display().to_string());
                Ok(Input::File { path, name })
            }
            Err(_) => Err(PyTypeError::new_err(format!(
                "expected bytes, str or os.PathLike, got {}",
                data.get_type().name()?
            ))),
        }
    }

    fn name(&self) -> &str {
        match self {
            Input::File { name, .. } | Input::Bytes { name, .. } => name,
        }
    }
}

/// Extracts one input into the CLI's JSON text.
fn extract_one(ex: &Extractor, input: Input) -> Result<String, Failure> {
    let name = input.name().to_string();
    let fail = |reason: String| Failure { path: name.clone(), reason };
    let bytes = match input {
        Input::Bytes { bytes, .. } => bytes,
        Input::File { path, .. } => {
            zhengce_batch::read_limited(&path, ex.config().limits.max_input_bytes).map_err(fail)?
        }
    };
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ex.extract_owned(bytes, &name)));
    match result {
        Ok(Ok(doc)) => Ok(model::to_json(&doc)),
        Ok(Err(e)) => Err(Failure { path: e.path, reason: e.kind.to_string() }),
        Err(panic) => Err(fail(zhengce_batch::extractor_panic(&panic))),
    }
}

/// The `limits` mapping of the Python API as a [`Config`]: the keys are the
/// CLI's flags (`max_input_bytes`, `max_docx_bytes`, `max_docx_ratio`,
/// `max_xml_depth`, `max_targets`, `timeout` in seconds, 0 or None: none).
fn config_from(limits: Option<&Bound<'_, PyDict>>) -> PyResult<Config> {
    let mut l = Limits::default();
    let Some(limits) = limits else { return Ok(Config { limits: l }) };
    for (key, value) in limits.iter() {
        let key: String = key.extract()?;
        match key.as_str() {
            "max_input_bytes" => l.max_input_bytes = value.extract()?,
            "max_docx_bytes" => l.docx.max_uncompressed_bytes = value.extract()?,
            "max_docx_ratio" => l.docx.max_compression_ratio = value.extract()?,
            "max_xml_depth" => l.docx.max_xml_depth = value.extract()?,
            "max_targets" => l.max_targets = value.extract()?,
            "timeout" => {
                let secs: Option<f64> = value.extract()?;
                l.timeout = match secs {
                    Some(s) if s < 0.0 || !s.is_finite() => {
                        return Err(PyValueError::new_err(format!(
                            "limits['timeout'] must be a number of seconds >= 0, got {s}"
                        )))
                    }
                    Some(s) if s > 0.0 => Some(Duration::from_secs_f64(s)),
                    _ => None,
                };
            }
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown limit {other:?} (known: max_input_bytes, max_docx_bytes, \
                     max_docx_ratio, max_xml_depth, max_targets, timeout)"
                )))
            }
        }
    }
    Ok(Config { limits: l })
}

/// Extractors built so far, by configuration: building one loads the
/// dictionaries, so each configuration is built once per process.
static EXTRACTORS: Mutex<Vec<(Config, Arc<Extractor>)>> = Mutex::new(Vec::new());
/// Beyond this many configurations the oldest is dropped.
const MAX_EXTRACTORS: usize = 8;

fn extractor(config: Config) -> Arc<Extractor> {
    let mut cache = EXTRACTORS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, ex)) = cache.iter().find(|(c, _)| *c == config) {
        return Arc::clone(ex);
    }
    let ex = Arc::new(Extractor::new(config.clone()));
    if cache.len() == MAX_EXTRACTORS {
        cache.remove(0);
    }
    cache.push((config, Arc::clone(&ex)));
    ex
}

/// `zhengce.ExtractError(path, reason)`, the package's exception class.
fn error_object<'py>(py: Python<'py>, f: Failure) -> PyResult<Bound<'py, PyAny>> {
    py.import("zhengce._error")?.getattr("ExtractError")?.call1((f.path, f.reason))
}

/// Extracts one document and returns the CLI's JSON text for it.
#[pyfunction]
#[pyo3(signature = (data, *, name=None, limits=None))]
fn extract_json(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    name: Option<String>,
    limits: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let input = Input::from_py(data, name)?;
    let ex = extractor(config_from(limits)?);
    match py.detach(|| extract_one(&ex, input)) {
        Ok(json) => Ok(json),
        Err(f) => Err(PyErr::from_value(error_object(py, f)?)),
    }
}

/// Extracts many inputs in parallel (rayon, GIL released); each result is
/// the JSON text or an `ExtractError` instance, in input order.
#[pyfunction]
#[pyo3(signature = (inputs, *, threads=None, limits=None))]
fn extract_many_json<'py>(
    py: Python<'py>,
    inputs: &Bound<'py, PyAny>,
    threads: Option<usize>,
    limits: Option<&Bound<'py, PyDict>>,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let mut items = Vec::new();
    for item in inputs.try_iter()? {
        let item = item?;
        // A (name, data) pair names bytes; anything else is a path or bytes.
        let input = match item.extract::<(String, Bound<'py, PyAny>)>() {
            Ok((name, data)) => Input::from_py(&data, Some(name))?,
            Err(_) => Input::from_py(&item, None)?,
        };
        items.push(input);
    }
    let ex = extractor(config_from(limits)?);
    let pool = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| PyValueError::new_err(e.to_string()))?,
        ),
        None => None,
    };
    let results: Vec<Result<String, Failure>> = py.detach(|| {
        let run = || items.into_par_iter().map(|i| extract_one(&ex, i)).collect();
        match &pool {
            Some(p) => p.install(run),
            None => run(),
        }
    });
    results
        .into_iter()
        .map(|r| match r {
            Ok(json) => Ok(json.into_pyobject(py)?.into_any()),
            Err(f) => error_object(py, f),
        })
        .collect()
}

#[pymodule]
fn _zhengce(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract_json, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many_json, m)?)?;
    m.add("SCHEMA_VERSION", model::SCHEMA_VERSION)?;
    m.add("EXTRACTOR_VERSION", model::EXTRACTOR_VERSION)?;
    Ok(())
}
