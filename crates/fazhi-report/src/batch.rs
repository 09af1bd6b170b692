//! Many reports: expands folders into report files, checks them on all cores, and hands
//! the results back in input order (so output is deterministic) to a sink on the calling
//! thread, which keeps memory flat for a country's year of reports.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::model::{io_reason_zh, CheckOptions, InputError, ReportCheck};

/// File extensions taken from folders (files named explicitly are always taken).
pub const EXTENSIONS: [&str; 7] = ["txt", "html", "htm", "shtml", "docx", "doc", "text"];

/// Expands files and folders (recursively, sorted, hidden entries skipped) into files.
/// Paths that do not exist are kept, so their check reports the error.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        out.push(dir.to_path_buf());
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let hidden = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else {
            let ext = p.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()).unwrap_or_default();
            if EXTENSIONS.contains(&ext.as_str()) {
                out.push(p);
            }
        }
    }
}

/// Reads and checks one file.
pub fn check_file(path: &Path, opts: &CheckOptions) -> ReportCheck {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => crate::check_bytes(&name, &bytes, opts),
        Err(e) => ReportCheck::failed(&name, InputError::new("io", format!("无法读取文件:{}", io_reason_zh(&e)))),
    }
}

/// Checks `files` on `threads` worker threads (0 = all cores) and calls `sink` with each
/// result in input order. `on_progress` is called once per finished file (any thread).
pub fn check_files(
    files: &[PathBuf],
    opts: &CheckOptions,
    threads: usize,
    on_progress: &(dyn Fn() + Sync),
    sink: &mut dyn FnMut(ReportCheck),
) {
    let threads = if threads == 0 { std::thread::available_parallelism().map_or(2, |n| n.get()) } else { threads }
        .min(files.len().max(1));
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(usize, ReportCheck)>(threads * 64);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                let check = check_file(path, opts);
                on_progress();
                if tx.send((i, check)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        // Reorder buffer: emit in input order.
        let mut pending: BTreeMap<usize, ReportCheck> = BTreeMap::new();
        let mut want = 0usize;
        for (i, check) in rx {
            pending.insert(i, check);
            while let Some(c) = pending.remove(&want) {
                sink(c);
                want += 1;
            }
        }
    });
}

/// Checks files and folders and returns every result in input order.
pub fn check_paths(paths: &[PathBuf], opts: &CheckOptions) -> Vec<ReportCheck> {
    let files = expand(paths);
    let mut out = Vec::with_capacity(files.len());
    check_files(&files, opts, 0, &|| {}, &mut |c| out.push(c));
    out
}
