//! Percentiles, Markdown tables and environment settings shared by the benchmarks.

#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

/// The value at percentile `p` (nearest rank) of the samples; sorts them.
pub fn percentile(v: &mut [Duration], p: f64) -> Duration {
    if v.is_empty() {
        return Duration::ZERO;
    }
    v.sort_unstable();
    let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
    v[rank.clamp(1, v.len()) - 1]
}

/// A duration with a unit that keeps three significant digits.
pub fn fmt(d: Duration) -> String {
    let ns = d.as_nanos() as f64;
    if ns < 1e3 {
        format!("{ns:.0} ns")
    } else if ns < 1e6 {
        format!("{:.3} µs", ns / 1e3).replace(".000", "")
    } else if ns < 1e9 {
        format!("{:.3} ms", ns / 1e6)
    } else {
        format!("{:.3} s", ns / 1e9)
    }
}

/// Milliseconds with three decimals, for latency tables.
pub fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1e3)
}

pub fn fmt_bytes(n: usize) -> String {
    if n >= 1_000_000 { format!("{:.0} MB", n as f64 / 1e6) } else { format!("{:.0} KB", n as f64 / 1e3) }
}

/// p50, p90, p99, max of some samples.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub n: usize,
    pub p50: Duration,
    pub p90: Duration,
    pub p99: Duration,
    pub max: Duration,
}

impl Summary {
    pub fn of(samples: &[Duration]) -> Summary {
        let mut v = samples.to_vec();
        Summary {
            n: v.len(),
            p50: percentile(&mut v, 50.0),
            p90: percentile(&mut v, 90.0),
            p99: percentile(&mut v, 99.0),
            max: v.last().copied().unwrap_or_default(),
        }
    }
}

/// A Markdown table of measures: name, samples, p50, p90, p99, max.
pub struct Table {
    title: String,
    rows: Vec<(String, Summary)>,
}

impl Table {
    pub fn new(title: &str) -> Table {
        Table { title: title.to_string(), rows: Vec::new() }
    }
    pub fn row(&mut self, name: String, samples: &[Duration]) {
        self.rows.push((name, Summary::of(samples)));
    }
    pub fn print(&self) {
        println!("## {}\n", self.title);
        println!("| measure | n | p50 | p90 | p99 | max |");
        println!("|---|---:|---:|---:|---:|---:|");
        for (name, s) in &self.rows {
            println!("| {name} | {} | {} | {} | {} | {} |", s.n, fmt(s.p50), fmt(s.p90), fmt(s.p99), fmt(s.max));
        }
        println!();
    }
}

/// Draft sizes from `BENCH_SIZES` (e.g. `100k,1m,10m`), default all three.
pub struct Sizes(pub Vec<(&'static str, usize)>);

impl Sizes {
    pub fn from_env() -> Sizes {
        let all = [("100 KB", 100_000), ("1 MB", 1_000_000), ("10 MB", 10_000_000)];
        let wanted = std::env::var("BENCH_SIZES").unwrap_or_default().to_lowercase();
        if wanted.trim().is_empty() {
            return Sizes(all.to_vec());
        }
        let keys = ["100k", "1m", "10m"];
        Sizes(
            all.iter().zip(keys).filter(|(_, k)| wanted.split(',').any(|w| w.trim() == *k)).map(|(s, _)| *s).collect(),
        )
    }
    pub fn names(&self) -> String {
        self.0.iter().map(|s| s.0).collect::<Vec<_>>().join(", ")
    }
}

/// `BENCH_SCALE` (default 1): multiplies sample counts.
pub fn env_scale() -> f64 {
    std::env::var("BENCH_SCALE").ok().and_then(|s| s.parse().ok()).filter(|s: &f64| *s > 0.0).unwrap_or(1.0)
}

/// The real catalogue: `RESOLUTION_LS_CATALOGUE`, else `../shared/catalogue/un-symbol-catalogue.tsv`
/// next to the crate. `None` when the file does not exist.
pub fn catalogue_path() -> Option<PathBuf> {
    let p = match std::env::var_os("RESOLUTION_LS_CATALOGUE") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/catalogue/un-symbol-catalogue.tsv"),
    };
    let p = if p.is_dir() { p.join("un-symbol-catalogue.tsv") } else { p };
    p.is_file().then_some(p)
}

/// The machine: cores, CPU model, load, memory.
pub fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name").map(|r| r.trim_start_matches([' ', '\t', ':']).to_string()))
        .unwrap_or_else(|| "unknown".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    let mem = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let total = mem.lines().find(|l| l.starts_with("MemTotal")).unwrap_or("").split_whitespace().nth(1).unwrap_or("0");
    format!(
        "Machine: {cores} cores, {model}, {} GB RAM; load average at start {load} (1, 5, 15 min).",
        total.parse::<u64>().unwrap_or(0) / 1_000_000
    )
}
