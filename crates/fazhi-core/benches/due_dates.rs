//! Due-date throughput of the legal clock, compared in the same run with a naive
//! baseline (a day-by-day loop with `HashSet` lookups of holidays and 调休 days).
//!
//! Run: `cargo bench -p fazhi-core --bench due_dates` (single-threaded; prints a
//! table). Target (issue 3): ≥ 1 million due dates a second on one core.
//!
//! Cases (the same pseudo-random inputs for the fast path and the baseline):
//! 1. `add_working_days`: a start date in 2019–2026 plus 1–40 working days.
//! 2. Disclosure reply (政府信息公开条例 Art. 33): 20 working days, a third of the
//!    cases with a consultation pause, some with an extension; the fast path goes
//!    through the full engine (`Engine::due_date`: event validation, rule lookup,
//!    pauses, extension checks).
//! 3. Reconsideration decision (行政复议法 Art. 62): 60 calendar days with roll-over.
//! 4. A full schedule with Chinese explanations (every step of a reconsideration case).

use std::collections::HashSet;
use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use fazhi_core::clock::{Calendar, Engine, EventKind, PauseKind, ProcedureEvent, RuleSet};
use fazhi_core::procedure::{disclosure::clock as gio, reconsideration::clock as arl};

/// A tiny deterministic PRNG (xorshift64*), so the inputs are the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Events of a disclosure case, its consultation pause and extension (for the baseline).
type ReplyCase = (Vec<ProcedureEvent>, Option<(NaiveDate, NaiveDate)>, u32);

struct Naive {
    holidays: HashSet<NaiveDate>,
    workdays: HashSet<NaiveDate>,
}

impl Naive {
    fn new(cal: &Calendar) -> Naive {
        let mut holidays = HashSet::new();
        let mut workdays = HashSet::new();
        for y in cal.notices() {
            for h in &y.holidays {
                let mut d = h.start;
                while d <= h.end {
                    holidays.insert(d);
                    match d.succ_opt() {
                        Some(next) => d = next,
                        None => break,
                    }
                }
            }
            for w in &y.workdays {
                workdays.insert(w.date);
            }
        }
        Naive { holidays, workdays }
    }

    fn is_working(&self, d: NaiveDate) -> bool {
        self.workdays.contains(&d)
            || (!self.holidays.contains(&d) && !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
    }

    fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = d.succ_opt().unwrap_or(d);
            if self.is_working(d) {
                left -= 1;
            }
        }
        d
    }

    /// Disclosure reply: 20 (+ extension) working days, days inside `(p_start, p_end]` not counted.
    fn reply(&self, received: NaiveDate, pause: Option<(NaiveDate, NaiveDate)>, ext: u32) -> NaiveDate {
        let mut d = received;
        let mut left = 20 + ext;
        while left > 0 {
            d = d.succ_opt().unwrap_or(d);
            let paused = pause.is_some_and(|(s, e)| s < d && d <= e);
            if !paused && self.is_working(d) {
                left -= 1;
            }
        }
        d
    }

    /// Reconsideration decision: 60 calendar days, then the next working day.
    fn decision(&self, accepted: NaiveDate) -> NaiveDate {
        let mut d = accepted.checked_add_days(Days::new(60)).unwrap_or(accepted);
        while !self.is_working(d) {
            d = d.succ_opt().unwrap_or(d);
        }
        d
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn random_date(rng: &mut Rng) -> NaiveDate {
    let start = date(2019, 1, 1);
    start.checked_add_days(Days::new(rng.below(2700))).unwrap_or(start)
}

/// Runs `f` over all inputs repeatedly for at least `min` and returns items/second.
fn measure<T>(inputs: &[T], min: Duration, mut f: impl FnMut(&T) -> u64) -> (f64, u64) {
    let mut checksum = 0u64;
    let mut count = 0u64;
    let start = Instant::now();
    while start.elapsed() < min {
        for i in inputs {
            checksum = checksum.wrapping_add(f(black_box(i)));
        }
        count += inputs.len() as u64;
    }
    let secs = start.elapsed().as_secs_f64();
    (count as f64 / secs, black_box(checksum))
}

fn day_number(d: NaiveDate) -> u64 {
    u64::try_from(d.num_days_from_ce()).unwrap_or(0)
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let min = if quick { Duration::from_millis(200) } else { Duration::from_secs(2) };
    let cal = Calendar::builtin();
    let rules = RuleSet::builtin();
    let engine = Engine::new(&cal, &rules);
    let naive = Naive::new(&cal);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    const N: usize = 10_000;

    println!("fazhi-core clock: due-date throughput (single thread, {N} distinct inputs per case)");
    println!("{:<52} {:>14} {:>14} {:>8}", "case", "fast /s", "naive /s", "speed-up");

    // 1. add_working_days.
    let adds: Vec<(NaiveDate, u32)> = (0..N).map(|_| (random_date(&mut rng), 1 + rng.below(40) as u32)).collect();
    for &(from, n) in &adds {
        let fast = cal.add_working_days(from, n).unwrap_or_default();
        assert_eq!(fast, naive.add_working_days(from, n), "mismatch at {from} + {n}");
    }
    let (fast, _) = measure(&adds, min, |&(from, n)| day_number(cal.add_working_days(from, n).unwrap_or_default()));
    let (slow, _) = measure(&adds, min, |&(from, n)| day_number(naive.add_working_days(from, n)));
    row("add_working_days (1-40 working days)", fast, slow);

    // 2. Disclosure reply through the engine, from events.
    let replies: Vec<ReplyCase> = (0..N)
        .map(|_| {
            let received = random_date(&mut rng);
            let mut events = vec![ProcedureEvent::new(received, EventKind::Received)];
            let mut pause = None;
            if rng.below(3) == 0 {
                let s = received.checked_add_days(Days::new(1 + rng.below(10))).unwrap_or(received);
                let e = s.checked_add_days(Days::new(1 + rng.below(20))).unwrap_or(s);
                events.push(ProcedureEvent::new(s, EventKind::PauseStarted { pause: PauseKind::Consultation }));
                events.push(ProcedureEvent::new(e, EventKind::PauseEnded { pause: PauseKind::Consultation }));
                pause = Some((s, e));
            }
            let mut ext = 0;
            if rng.below(5) == 0 {
                ext = 1 + rng.below(20) as u32;
                let on = received.checked_add_days(Days::new(5)).unwrap_or(received);
                events.push(ProcedureEvent::new(
                    on,
                    EventKind::ExtensionGranted { step: gio::REPLY, days: ext, approved_by: "负责人".into() },
                ));
            }
            (events, pause, ext)
        })
        .collect();
    for (events, pause, ext) in &replies {
        let fast = engine.due_date(gio::KIND, gio::REPLY, events).ok().flatten().unwrap_or_default();
        assert_eq!(fast, naive.reply(events[0].date, *pause, *ext), "mismatch for {events:?}");
    }
    let (fast, _) = measure(&replies, min, |(events, _, _)| {
        engine.due_date(gio::KIND, gio::REPLY, events).ok().flatten().map_or(0, day_number)
    });
    let (slow, _) =
        measure(&replies, min, |(events, pause, ext)| day_number(naive.reply(events[0].date, *pause, *ext)));
    row("disclosure reply via Engine::due_date (events)", fast, slow);

    // 3. Reconsideration decision (60 calendar days + roll-over).
    let decisions: Vec<Vec<ProcedureEvent>> = (0..N)
        .map(|_| {
            let received = random_date(&mut rng);
            let accepted = received.checked_add_days(Days::new(rng.below(5))).unwrap_or(received);
            vec![
                ProcedureEvent::new(received, EventKind::Received),
                ProcedureEvent::new(accepted, EventKind::Mark(arl::ACCEPTED)),
            ]
        })
        .collect();
    for events in &decisions {
        let fast = engine.due_date(arl::KIND, arl::DECISION, events).ok().flatten().unwrap_or_default();
        assert_eq!(fast, naive.decision(events[1].date), "mismatch for {events:?}");
    }
    let (fast, _) = measure(&decisions, min, |events| {
        engine.due_date(arl::KIND, arl::DECISION, events).ok().flatten().map_or(0, day_number)
    });
    let (slow, _) = measure(&decisions, min, |events| day_number(naive.decision(events[1].date)));
    row("reconsideration decision via Engine::due_date", fast, slow);

    // 4. Full schedules with explanations (4 deadlines each).
    let cases: Vec<Vec<ProcedureEvent>> = decisions.iter().take(2_000).cloned().collect();
    let (fast, _) = measure(&cases, min, |events| {
        engine
            .schedule(arl::KIND, events)
            .map_or(0, |s| s.deadlines.iter().map(|d| d.explanation.to_string().len() as u64).sum())
    });
    println!(
        "{:<52} {:>14} {:>14} {:>8}",
        "reconsideration schedule + explanations (cases)",
        format!("{fast:.0}"),
        "-",
        "-"
    );
    println!(
        "{:<52} {:>14} {:>14} {:>8}",
        "  = deadlines with explanation text",
        format!("{:.0}", fast * 4.0),
        "-",
        "-"
    );
}

fn row(name: &str, fast: f64, slow: f64) {
    println!("{:<52} {:>14} {:>14} {:>7.1}x", name, format!("{fast:.0}"), format!("{slow:.0}"), fast / slow);
}
