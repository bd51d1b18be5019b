//! Whole-binary benchmark: what a user runs. Makes the sample corpus into about
//! 20 MB as 1,000 files (each sample copied, with a line that makes every copy
//! distinct), then times, pairwise and alternating so that load from other
//! processes falls on both alike:
//!
//! - `zhengce extract DIR --out OUT --quiet --force` (a fresh output folder each run),
//!   with all cores and with `--jobs 1`;
//! - a bare program: this bench run again as a child in `--bare-cut` mode, which
//!   builds jieba-rs's default `Jieba`, reads every file and `cut`s it (HMM on),
//!   single-threaded: bare segmentation of the same bytes, start-up included.
//!
//! Prints the best and median wall time of each, the ratio of bare `cut` time to
//! the binary's (>= 1.0 means the binary keeps up with bare segmentation), and
//! the binary's speed-up from one thread to all; then the median CPU time
//! (user + system, of the finished child, on Linux) of each, which a machine
//! shared with other work disturbs less than wall time. It asserts nothing.
//!
//! Run with `cargo bench -p zhengce-cli --bench binary` (release build).
//! `ZHENGCE_BENCH_FILES` (default 1000) and `ZHENGCE_BENCH_ROUNDS` (default 5)
//! set the size and the rounds; `ZHENGCE_BENCH_DIR` keeps the files in that folder;
//! `ZHENGCE_BENCH_BIN` times that binary instead of this build's `zhengce`
//! (e.g. `target/pgo/release/zhengce` from `scripts/build-pgo.sh`).
//! `ZHENGCE_BENCH_COLD=1` empties the kernel's caches (`sync`, then
//! `/proc/sys/vm/drop_caches`; Linux, as root) before every timed command, so
//! that each reads its inputs from the disk, as on a folder not read since boot.
//!
//! Every run writes into a folder of its own, and all are removed only at the
//! end (about five times the input per run): on ext4 without a journal, as on
//! the machine this was tuned on, files deleted less than about 30 seconds
//! earlier make creating new ones slow (the kernel's inode allocator checks
//! each recently freed inode in turn), so removing one run's output before the
//! next timed a cost of the benchmark, not of the program: the
//! binary's system time rose from 0.2 s to 1.4 s.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The corpus samples, copied round-robin into `n` files of `dir`.
fn make_inputs(dir: &Path, n: usize) -> usize {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    let texts: Vec<String> = seeds.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    std::fs::create_dir_all(dir).unwrap();
    let mut total = 0;
    for i in 0..n {
        let k = i % texts.len();
        let stem = seeds[k].file_stem().unwrap().to_string_lossy();
        let text = format!("{}\n第{}批次补充说明：新增试点学校{}所。\n", texts[k], i, i % 97 + 1);
        total += text.len();
        std::fs::write(dir.join(format!("{i:04}_{stem}.txt")), text).unwrap();
    }
    total
}

/// `--bare-cut DIR`: load jieba, read and cut every file, one thread.
fn bare_cut(dir: &Path) {
    let t = Instant::now();
    let jieba = jieba_rs::Jieba::new();
    let load = t.elapsed();
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut words = 0;
    for p in &paths {
        let text = std::fs::read_to_string(p).unwrap();
        words += jieba.cut(&text, true).len();
    }
    println!("{} {} {}", words, load.as_secs_f64(), (t.elapsed() - load).as_secs_f64());
}

/// User + system CPU seconds of this process's finished children (Linux:
/// `cutime` + `cstime` of `/proc/self/stat`, in clock ticks of 1/100 s).
fn children_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(") ")?.1.split_whitespace().collect();
    let ticks = |k: usize| fields.get(k)?.parse::<f64>().ok();
    // After the command name: field 3 (state) is index 0, so cutime (16) is 13.
    Some((ticks(13)? + ticks(14)?) / 100.0)
}

/// With `ZHENGCE_BENCH_COLD` set, writes back and drops the kernel's page,
/// dentry and inode caches; fails loudly where that is not allowed.
fn maybe_drop_caches() {
    if std::env::var_os("ZHENGCE_BENCH_COLD").is_none_or(|v| v.is_empty() || v == "0") {
        return;
    }
    let synced = Command::new("sync").status().is_ok_and(|s| s.success());
    let dropped = std::fs::write("/proc/sys/vm/drop_caches", "3");
    assert!(
        synced && dropped.is_ok(),
        "ZHENGCE_BENCH_COLD needs `sync` and write access to /proc/sys/vm/drop_caches (Linux, root): {dropped:?}"
    );
}

/// Runs `cmd`; its wall time, its CPU time (when known) and what it printed.
fn time(cmd: &mut Command) -> (Duration, Option<f64>, String) {
    maybe_drop_caches();
    let cpu = children_cpu();
    let t = Instant::now();
    let out = cmd.output().unwrap();
    let d = t.elapsed();
    let cpu = children_cpu().zip(cpu).map(|(after, before)| after - before);
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    (d, cpu, String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The median of the CPU times, when every run had one.
fn median_cpu(v: &[Option<f64>]) -> Option<f64> {
    let mut v: Vec<f64> = v.iter().copied().collect::<Option<_>>()?;
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied()
}

fn stats(v: &mut [Duration]) -> (f64, f64) {
    v.sort();
    (v[0].as_secs_f64(), v[v.len() / 2].as_secs_f64())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--bare-cut") {
        bare_cut(Path::new(&args[i + 1]));
        return;
    }
    let files = env_usize("ZHENGCE_BENCH_FILES", 1000);
    let rounds = env_usize("ZHENGCE_BENCH_ROUNDS", 5).max(1);
    let tmp = tempfile::tempdir().unwrap();
    let inputs = std::env::var_os("ZHENGCE_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().join("in"));
    let bytes = make_inputs(&inputs, files);
    let mb = bytes as f64 / 1e6;
    println!("inputs: {files} files, {mb:.1} MB in {}", inputs.display());

    let me = std::env::current_exe().unwrap();
    // `ZHENGCE_BENCH_BIN` times another build, e.g. `scripts/build-pgo.sh`'s.
    let zhengce = std::env::var_os("ZHENGCE_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_zhengce")));
    println!("binary: {}", zhengce.display());
    let run = |jobs: Option<&str>, round: usize| {
        let out = tmp.path().join(format!("out-{}-{round}", jobs.unwrap_or("all")));
        let mut c = Command::new(&zhengce);
        c.arg("extract").arg(&inputs).arg("--out").arg(&out).arg("--quiet").arg("--force");
        if let Some(j) = jobs {
            c.arg("--jobs").arg(j);
        }
        let (d, cpu, _) = time(&mut c);
        (d, cpu)
    };
    let (mut cut, mut all, mut one) = (Vec::new(), Vec::new(), Vec::new());
    let (mut cut_cpu, mut all_cpu, mut one_cpu) = (Vec::new(), Vec::new(), Vec::new());
    let (mut load, mut words) = (0.0f64, 0usize);
    for round in 0..rounds {
        // A B C, then C B A: each measurement sits next to each of the others.
        let order: [usize; 3] = if round % 2 == 0 { [0, 1, 2] } else { [2, 1, 0] };
        for which in order {
            match which {
                0 => {
                    let (d, cpu, stdout) = time(Command::new(&me).arg("--bare-cut").arg(&inputs));
                    let f: Vec<&str> = stdout.split_whitespace().collect();
                    words = f[0].parse().unwrap();
                    load = f[1].parse().unwrap();
                    cut.push(d);
                    cut_cpu.push(cpu);
                }
                1 => {
                    let (d, cpu) = run(None, round);
                    all.push(d);
                    all_cpu.push(cpu);
                }
                _ => {
                    let (d, cpu) = run(Some("1"), round);
                    one.push(d);
                    one_cpu.push(cpu);
                }
            }
        }
    }
    // Pairwise: each round's ratios, so that a machine whose speed drifts
    // between rounds moves both sides of a ratio alike.
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let paired = |a: &[Duration], b: &[Duration]| {
        median(a.iter().zip(b).map(|(a, b)| a.as_secs_f64() / b.as_secs_f64()).collect())
    };
    let (cut_ratio, scaling) = (paired(&cut, &all), paired(&one, &all));
    let (cut_best, cut_med) = stats(&mut cut);
    let (all_best, all_med) = stats(&mut all);
    let (one_best, one_med) = stats(&mut one);
    println!("{rounds} rounds, wall time best / median:");
    println!(
        "bare jieba cut, 1 thread : {cut_best:6.3} s / {cut_med:6.3} s  {:6.1} MB/s  ({words} words; {load:.3} s of it loading the dictionary)",
        mb / cut_best
    );
    println!(
        "zhengce extract, all     : {all_best:6.3} s / {all_med:6.3} s  {:6.1} MB/s",
        mb / all_best
    );
    println!(
        "zhengce extract, --jobs 1: {one_best:6.3} s / {one_med:6.3} s  {:6.1} MB/s",
        mb / one_best
    );
    println!(
        "ratio to bare cut (best, median, median of the rounds' ratios): {:.2}, {:.2}, {cut_ratio:.2}",
        cut_best / all_best,
        cut_med / all_med
    );
    println!(
        "speed-up all threads / one (best, median, median of the rounds' ratios): {:.2}, {:.2}, {scaling:.2}",
        one_best / all_best,
        one_med / all_med
    );
    if let (Some(c), Some(a), Some(o)) =
        (median_cpu(&cut_cpu), median_cpu(&all_cpu), median_cpu(&one_cpu))
    {
        println!(
            "CPU time, median: bare cut {c:.2} s, zhengce all {a:.2} s, --jobs 1 {o:.2} s; \
             zhengce / bare cut {:.2}",
            a / c
        );
    }
}
