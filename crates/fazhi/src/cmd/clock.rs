//! `fazhi deadline` and `fazhi calendar add`: thin wrappers over
//! `fazhi_core::clock::cli_support` (parsing, events, rendering), which is pure and
//! unit-tested there. This file only reads the optional files and prints.

use anyhow::Context as _;
use fazhi_core::clock::cli_support::{self, CalendarAddInput, DeadlineInput};
use fazhi_core::clock::{BeyondCoverage, Calendar, RuleSet};

/// The registered procedure kinds, as `fazhi deadline` accepts them.
fn procedure_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(
        fazhi_core::clock::ProcedureKind::all().map(|k| clap::builder::PossibleValue::new(k.as_str()).help(k.zh())),
    )
}

/// One `--<mark> DATE` flag per dated event a registered kind declares
/// (`cli_support::mark_flags`), so a new kind's events need no change here.
#[derive(Debug, Clone, Default)]
pub struct MarkFlags(pub Vec<(String, String)>);

/// `(code, flag, help)` of every mark flag, built once (clap keeps `&'static str`).
fn mark_args() -> &'static [(&'static str, String, String)] {
    static ARGS: std::sync::OnceLock<Vec<(&'static str, String, String)>> = std::sync::OnceLock::new();
    ARGS.get_or_init(|| {
        cli_support::mark_flags()
            .into_iter()
            .map(|(code, help)| (code, cli_support::flag_of(code), format!("{help}（YYYY-MM-DD）")))
            .collect()
    })
}

impl clap::FromArgMatches for MarkFlags {
    fn from_arg_matches(m: &clap::ArgMatches) -> Result<Self, clap::Error> {
        Ok(MarkFlags(
            mark_args()
                .iter()
                .filter_map(|(code, _, _)| m.get_one::<String>(code).map(|v| ((*code).to_owned(), v.clone())))
                .collect(),
        ))
    }

    fn update_from_arg_matches(&mut self, m: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl clap::Args for MarkFlags {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        mark_args().iter().fold(cmd, |cmd, (code, flag, help)| {
            cmd.arg(clap::Arg::new(*code).long(flag.as_str()).value_name("DATE").help(help.as_str()))
        })
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

/// Arguments of `fazhi deadline`.
///
/// Example: `fazhi deadline disclosure --received 2024-02-05 --consultation 2024-02-20:2024-03-01 --json`
#[derive(Debug, Clone, clap::Args)]
pub struct DeadlineArgs {
    /// Procedure: one of the registered kinds, e.g. disclosure (依申请公开),
    /// reconsideration (行政复议) or litigation (行政应诉).
    #[arg(value_parser = procedure_names())]
    pub procedure: String,

    /// Date the request / application / complaint copy was received (YYYY-MM-DD).
    #[arg(long)]
    pub received: Option<String>,

    /// Date the correction notice (补正通知) was sent.
    #[arg(long)]
    pub correction_requested: Option<String>,

    /// Date the correction was received; restarts the reply / acceptance clock.
    #[arg(long)]
    pub correction_received: Option<String>,

    /// Third-party consultation START:END (END empty while it lasts); not counted. Repeatable.
    #[arg(long, value_name = "START:END")]
    pub consultation: Vec<String>,

    /// Suspension (中止) START:END of a reconsideration; not counted. Repeatable.
    #[arg(long, value_name = "START:END")]
    pub suspension: Vec<String>,

    /// Fee notice to payment NOTICE:PAID of a disclosure request; not counted. Repeatable.
    #[arg(long, value_name = "NOTICE:PAID")]
    pub fee_payment: Vec<String>,

    /// Date an extension was approved (disclosure reply, reconsideration decision).
    #[arg(long)]
    pub extension_granted: Option<String>,

    /// Length of the extension, in the rule's unit (working days / days).
    #[arg(long)]
    pub extension_days: Option<u32>,

    /// Who approved the extension (required with --extension-granted).
    #[arg(long)]
    pub approved_by: Option<String>,

    /// The simplified procedure applies (行政复议法 Art. 53).
    #[arg(long)]
    pub simplified: bool,

    /// Show each deadline's status (正常/临期/超期) as of this date.
    #[arg(long)]
    pub today: Option<String>,

    /// Litigation: what --judgment-served names is a ruling (裁定, 10 days to appeal).
    #[arg(long)]
    pub ruling: bool,

    /// The kinds' own dated events: `--accepted`, `--copy-served`, `--judgment-served` …
    #[command(flatten)]
    pub marks: MarkFlags,

    /// Extra holiday notice (TOML, format of cn-holidays.toml) to merge. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub calendar: Vec<std::path::PathBuf>,

    /// Rule overrides (TOML) for rules tagged [U]: the file a server names as `rules_file`.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<std::path::PathBuf>,

    /// Beyond the imported holiday notices, assume plain weekends (results flagged 估算)
    /// instead of refusing.
    #[arg(long)]
    pub assume_weekends: bool,

    /// Print JSON: {"deadlines":[{"step","due","rule","explanation"}]}.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `fazhi calendar add`.
#[derive(Debug, Clone, clap::Args)]
pub struct CalendarAddArgs {
    /// Start date (YYYY-MM-DD; the start day itself is not counted), or a moment
    /// (YYYY-MM-DDTHH:MM) with --hours.
    #[arg(long)]
    pub from: String,

    /// Add N working days (工作日).
    #[arg(long, conflicts_with_all = ["days", "hours"])]
    pub working_days: Option<u32>,

    /// Add N calendar days; a last day on a rest day moves to the next working day.
    #[arg(long, conflicts_with = "hours")]
    pub days: Option<u32>,

    /// Add N natural hours to a moment (12345 limits: 2 h, 24 h); prints the due moment.
    #[arg(long)]
    pub hours: Option<u32>,

    /// Extra holiday notice (TOML) to merge. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub calendar: Vec<std::path::PathBuf>,

    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

fn load_calendar(files: &[std::path::PathBuf], assume_weekends: bool) -> anyhow::Result<Calendar> {
    let mut cal = Calendar::try_builtin()?;
    for f in files {
        let text = std::fs::read_to_string(f).with_context(|| format!("无法读取节假日安排文件 {}", f.display()))?;
        cal.merge_notice(&text).with_context(|| format!("节假日安排文件 {} 有误", f.display()))?;
    }
    if assume_weekends {
        cal.set_beyond_coverage(BeyondCoverage::AssumeWeekendsOnly);
    }
    Ok(cal)
}

fn deadline_input(args: &DeadlineArgs) -> DeadlineInput {
    DeadlineInput {
        procedure: args.procedure.clone(),
        received: args.received.clone(),
        correction_requested: args.correction_requested.clone(),
        correction_received: args.correction_received.clone(),
        consultations: args.consultation.clone(),
        suspensions: args.suspension.clone(),
        fee_payments: args.fee_payment.clone(),
        extension_granted: args.extension_granted.clone(),
        extension_days: args.extension_days,
        approved_by: args.approved_by.clone(),
        marks: args.marks.0.clone(),
        simplified: args.simplified,
        ruling: args.ruling,
        today: args.today.clone(),
    }
}

/// `fazhi deadline`: prints every deadline of the case with its explanation.
pub fn deadline(args: DeadlineArgs) -> anyhow::Result<i32> {
    let cal = load_calendar(&args.calendar, args.assume_weekends)?;
    let rules = super::serve::load_rules(args.rules.as_deref())?;
    let out = cli_support::deadline_report(&cal, &rules, &deadline_input(&args), args.json)?;
    println!("{}", out.trim_end());
    Ok(0)
}

/// `fazhi calendar add`: a date plus N working days or N calendar days, or a
/// moment plus N hours.
pub fn calendar_add(args: CalendarAddArgs) -> anyhow::Result<i32> {
    let cal = load_calendar(&args.calendar, false)?;
    let input = CalendarAddInput {
        from: args.from.clone(),
        working_days: args.working_days,
        days: args.days,
        hours: args.hours,
    };
    let out = cli_support::calendar_add_report(&cal, &RuleSet::builtin(), &input, args.json)?;
    println!("{}", out.trim_end());
    Ok(0)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct Cli {
        #[command(subcommand)]
        cmd: Cmd,
    }

    #[derive(Debug, clap::Subcommand)]
    enum Cmd {
        Deadline(Box<DeadlineArgs>),
        Add(CalendarAddArgs),
    }

    #[test]
    fn flags_map_to_the_core_input() {
        let cli = Cli::try_parse_from([
            "fazhi",
            "deadline",
            "disclosure",
            "--received",
            "2024-02-05",
            "--consultation",
            "2024-02-20:2024-03-01",
            "--consultation",
            "2024-03-05:",
            "--extension-granted",
            "2024-03-01",
            "--extension-days",
            "20",
            "--approved-by",
            "李四",
            "--json",
        ])
        .unwrap();
        let Cmd::Deadline(args) = cli.cmd else { panic!("not deadline") };
        let input = deadline_input(&args);
        assert_eq!(input.consultations.len(), 2);
        assert_eq!(input.extension_days, Some(20));
        assert!(args.json);
        let out = cli_support::deadline_report(&Calendar::builtin(), &RuleSet::builtin(), &input, true).unwrap();
        assert!(out.starts_with("{\"deadlines\":[{\"step\":\"correction_notice\""), "{out}");
    }

    #[test]
    fn calendar_add_flags_conflict() {
        assert!(Cli::try_parse_from(["fazhi", "add", "--from", "2024-02-08", "--working-days", "5", "--days", "3"])
            .is_err());
        let cli = Cli::try_parse_from(["fazhi", "add", "--from", "2024-02-08", "--working-days", "5"]).unwrap();
        let Cmd::Add(args) = cli.cmd else { panic!("not add") };
        assert_eq!(args.working_days, Some(5));
    }
}
