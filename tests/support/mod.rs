//! What the command-line tests share: the binary under test, the repository
//! root, and running a command to its end.
#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `zhengce` binary cargo built for these tests.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhengce"))
}

/// The repository's root (the corpus, `tests/fixtures`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `cmd` to its end; its status and what it printed.
pub fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("zhengce runs")
}
