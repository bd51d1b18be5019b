//! `zhengce eval` and `zhengce diff`: arguments and printing around `zhengce-eval`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Folder of extracted <stem>.json files.
    pub dir: PathBuf,
    /// Folder of gold <stem>.targets.jsonl files (and <stem>.meta.json files, scored per metadata field).
    #[arg(long)]
    pub gold: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also list every attribute disagreement of matched targets.
    #[arg(long, short)]
    pub verbose: bool,
    /// Exit with 1 when the overall F1 falls below this (0 to 1).
    #[arg(long, value_parser = unit_interval)]
    pub min_f1: Option<f64>,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The earlier output folder.
    pub old: PathBuf,
    /// The later output folder.
    pub new: PathBuf,
    /// Print the diff as JSON.
    #[arg(long)]
    pub json: bool,
}

/// A score bound: a number from 0 to 1.
fn unit_interval(s: &str) -> Result<f64, String> {
    let v: f64 = s.trim().parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is outside 0..1 (F1 is a fraction: 0.9, not 90)"))
    }
}

pub fn eval(a: &EvalArgs) -> Result<i32> {
    let report = zhengce_eval::evaluate_dirs(&a.dir, &a.gold).context("evaluation failed")?;
    let mut out = std::io::stdout().lock();
    if a.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", report.render(a.verbose))?;
    }
    if let Some(min) = a.min_f1 {
        if report.scores.f1 < min {
            eprintln!("F1 {:.3} is below the floor {min}", report.scores.f1);
            return Ok(1);
        }
    }
    Ok(0)
}

pub fn diff(a: &DiffArgs) -> Result<i32> {
    let report = zhengce_eval::diff::diff_dirs(&a.old, &a.new).context("diff failed")?;
    let mut out = std::io::stdout().lock();
    if a.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", report.render())?;
    }
    Ok(if report.has_changes() { 1 } else { 0 })
}
