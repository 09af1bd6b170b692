//! The figures of a report, generated from the indicators the platform
//! already computes (复议 and 应诉 indicators, the kinds' own indicators,
//! tables 3 and 4), each a clause of a sentence with one number and the
//! address of the records behind it; and the same values as the report
//! checker's record source, so that a figure typed into the narrative is
//! compared with exactly what the generated ones say.
//!
//! A figure of an indicator of the catalogue (`fazhi_core::indicator`) links
//! to the records page of that indicator for the unit with its subtree and
//! the report's year ([`records_page_link`]), which lists exactly the cases
//! the figure counts (a rate: its numerator's and denominator's); an activity
//! figure links to the activities list the records page would redirect to.
//! The figures without an indicator of the catalogue link to what they were
//! counted from: 新收政府信息公开申请 to the case list of the year's requests,
//! the GOI report's figures to its tables.

use std::collections::HashMap;

use crate::auth::Actor;
use crate::indicators::catalogue::records_page_link;
use crate::{App, AppError};
use fazhi_core::procedure::annual_report::{FigureLine, Flavor, Goi, RuleOfLaw};
use fazhi_core::procedure::indicators as ind;
use fazhi_core::procedure::{IndicatorConfig, IndicatorValue, Period, Value};
use fazhi_store::units::Unit;

/// 实施纲要 area of dispute resolution (复议, 信访, 调解).
pub const AREA_DISPUTES: &str = "健全社会矛盾纠纷行政预防调处化解体系，不断促进社会公平正义";
/// 实施纲要 area of checks and supervision (应诉, 政务公开, 建议提案).
pub const AREA_SUPERVISION: &str = "健全行政权力制约和监督体系，促进行政权力规范透明运行";
/// 实施纲要 area of the Party's leadership and the mechanisms of rule-of-law
/// building (会前学法, 法治培训, 普法).
pub const AREA_LEAD: &str = "加强党的领导，完善法治政府建设推进机制";

/// The recorded values of a unit's year, by the checker's indicator ids.
#[derive(Debug, Clone, Default)]
pub struct Recorded {
    pub year: i32,
    pub values: HashMap<&'static str, f64>,
}

impl fazhi_report::RecordSource for Recorded {
    /// The report being checked is the unit's own draft: whatever name the
    /// checker read from its title, the values are the unit's.
    fn value(&self, _unit: &str, year: i32, indicator: &str) -> Option<f64> {
        if year == self.year {
            self.values.get(indicator).copied()
        } else {
            None
        }
    }
}

/// Generated figures and the record source they came from.
#[derive(Debug, Clone, Default)]
pub struct Generated {
    pub figures: Vec<FigureLine>,
    pub recorded: Recorded,
}

/// A value as a report states it: a count with its measure word (件, 次,
/// 人次), or a percentage to two places.
fn stated(v: &Value, word: &str) -> Option<(f64, String)> {
    match v {
        Value::Count { count } => Some((*count as f64, format!("{count}{word}"))),
        Value::Rate { .. } => {
            let p = (v.percent()? * 100.0).round() / 100.0;
            Some((p, format!("{p}%")))
        }
    }
}

struct Builder {
    out: Generated,
    sentence: u32,
    /// The report's unit (its figures count its subtree) and year.
    unit_id: i64,
    year: Period,
}

impl Builder {
    /// Adds a clause `{lead}{value}` for indicator `id` of the catalogue,
    /// linked to its records page (skipped when the value cannot be stated,
    /// a rate over nothing); `checker` is the id the report checker maps the
    /// clause to.
    fn clause(
        &mut self,
        part: &str,
        heading: &str,
        values: &[IndicatorValue],
        id: &str,
        checker: Option<&'static str>,
        lead: &str,
    ) {
        self.clause_in(part, heading, values, id, checker, (lead, "件"), None);
    }

    /// [`Builder::clause`] with the measure word of a count (次, 期, 人次, 场)
    /// and, if given, another list of its records; whether a clause was added.
    #[allow(clippy::too_many_arguments)]
    fn clause_in(
        &mut self,
        part: &str,
        heading: &str,
        values: &[IndicatorValue],
        id: &str,
        checker: Option<&'static str>,
        (lead, word): (&str, &str),
        records: Option<&str>,
    ) -> bool {
        let Some(v) = values.iter().find(|v| v.id == id) else { return false };
        let Some((value, text)) = stated(&v.value, word) else { return false };
        let records = match records {
            Some(r) => r.to_owned(),
            None => records_page_link(id, self.unit_id, true, self.year),
        };
        self.push(part, heading, id, &format!("{lead}{text}"), value, checker, &records);
        true
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        part: &str,
        heading: &str,
        id: &str,
        text: &str,
        value: f64,
        checker: Option<&'static str>,
        records: &str,
    ) {
        self.out.figures.push(FigureLine {
            part: part.to_owned(),
            heading: heading.to_owned(),
            indicator: id.to_owned(),
            text: text.to_owned(),
            records: records.to_owned(),
            value,
            sentence: self.sentence,
        });
        if let Some(c) = checker {
            self.out.recorded.values.entry(c).or_insert(value);
        }
    }

    fn next_sentence(&mut self) {
        self.sentence += 1;
    }
}

impl App {
    /// The figures of `unit`'s report of kind `kind_id` on `year`.
    pub(crate) async fn report_figures(
        &self,
        actor: &Actor,
        unit: &Unit,
        year: i32,
        kind_id: &str,
    ) -> Result<Generated, AppError> {
        let mut b = Builder {
            out: Generated { recorded: Recorded { year, ..Recorded::default() }, ..Generated::default() },
            sentence: 0,
            unit_id: unit.id,
            year: crate::indicators::check_year(year)?,
        };
        if kind_id == RuleOfLaw::ID {
            self.rule_of_law_figures(actor, unit, year, &mut b).await?;
        } else if kind_id == Goi::ID {
            self.goi_figures(actor, unit, year, &mut b).await?;
        }
        Ok(b.out)
    }

    async fn rule_of_law_figures(
        &self,
        actor: &Actor,
        unit: &Unit,
        year: i32,
        b: &mut Builder,
    ) -> Result<(), AppError> {
        let m = "measures";
        let review = self.review_indicators(actor, unit.id, year, true, IndicatorConfig::default()).await?;
        if review.reconsideration_records > 0 {
            let (r, d) = (&review.reconsideration, AREA_DISPUTES);
            let received = ind::RECONSIDERATION_RECEIVED;
            b.clause(m, d, r, received, Some(received), "全年收到行政复议申请");
            b.clause(m, d, r, ind::RECONSIDERATION_ACCEPTED, Some(ind::RECONSIDERATION_ACCEPTED), "受理");
            b.clause(m, d, r, ind::RECONSIDERATION_CONCLUDED, Some(ind::RECONSIDERATION_CONCLUDED), "审结");
            let rate = ind::RECONSIDERATION_CORRECTION_RATE;
            b.clause(m, d, r, rate, Some(rate), "纠错率");
            b.next_sentence();
        }
        if review.litigation_records > 0 {
            let (r, s) = (&review.litigation, AREA_SUPERVISION);
            b.clause(m, s, r, ind::LITIGATION_CASES, Some(ind::LITIGATION_CASES), "全年办理行政应诉案件");
            b.clause(m, s, r, ind::LITIGATION_CONCLUDED, Some(ind::LITIGATION_CONCLUDED), "审结");
            let appearance = ind::LITIGATION_HEAD_APPEARANCE_RATE;
            b.clause(m, s, r, appearance, Some(appearance), "行政机关负责人出庭应诉率");
            b.clause(m, s, r, ind::LITIGATION_LOSS_RATE, Some(ind::LITIGATION_LOSS_RATE), "败诉率");
            b.next_sentence();
        }
        let t3 = self.goi_table3(actor, unit.id, year, true).await?;
        if t3.records > 0 {
            let n = t3.table.new_requests[fazhi_core::procedure::goi_tables::COLUMNS - 1];
            // No indicator of the catalogue counts requests: the case list of
            // the year's requests of the unit and the units below it.
            let link = format!("/cases?kind=disclosure&unit={}&status=all&from={year}-01-01&to={year}-12-31", unit.id);
            b.push(
                m,
                AREA_SUPERVISION,
                "disclosure.requests_received",
                &format!("全年新收政府信息公开申请{n}件"),
                n as f64,
                Some(fazhi_report::indicators::DISCLOSURE_REQUESTS_RECEIVED),
                &link,
            );
            b.next_sentence();
        }
        // The kinds with their own indicators: one clause each, where they count.
        let catalogue = self
            .indicator_catalogue(
                actor,
                unit.id,
                true,
                fazhi_core::indicator::Span::Year(year),
                IndicatorConfig::default(),
            )
            .await?;
        let values: Vec<IndicatorValue> = catalogue.groups.into_iter().flat_map(|g| g.values).collect();
        let wanted: [(&str, &str, Option<&'static str>, &str); 3] = [
            (
                fazhi_core::procedure::petition::RECEIVED,
                "全年收到信访事项",
                Some(fazhi_report::indicators::PETITIONS_RECEIVED),
                AREA_DISPUTES,
            ),
            (
                fazhi_core::procedure::mediation::ACCEPTED,
                "全年受理调解案件",
                Some(fazhi_report::indicators::MEDIATION_CASES),
                AREA_DISPUTES,
            ),
            (
                fazhi_core::procedure::proposal::indicators::ASSIGNED,
                "全年承办人大代表建议和政协委员提案",
                Some(fazhi_report::indicators::PROPOSALS_HANDLED),
                AREA_SUPERVISION,
            ),
        ];
        for (id, lead, checker, area) in wanted {
            let has = values.iter().any(|v| v.id == id && v.value.count() > 0);
            if has {
                b.clause(m, area, &values, id, checker, lead);
                b.next_sentence();
            }
        }
        self.activity_figures(actor, unit, year, b).await
    }

    /// The activities of the unit and the units below it: 会前学法, 法治培训
    /// and its 人次, 普法活动, each linking to the list of its activities.
    async fn activity_figures(&self, actor: &Actor, unit: &Unit, year: i32, b: &mut Builder) -> Result<(), AppError> {
        use fazhi_core::activity::ActivityKind as K;
        use fazhi_report::indicators as checker;
        let period = crate::indicators::check_year(year)?;
        let values = self.activity_indicators_in(actor, unit.id, period, true).await?;
        // Kinds the unit held none of are left out.
        let values: Vec<IndicatorValue> = values.into_iter().filter(|v| v.value.count() > 0).collect();
        let link = |k: K| crate::activities::records_link(unit.id, k, period.from, period.to);
        let (m, area) = ("measures", AREA_LEAD);
        let study = Some(link(K::MeetingStudy));
        let lead = ("全年开展政府常务会议会前学法", "次");
        let id = "activity.meeting_study.count";
        if b.clause_in(m, area, &values, id, Some(checker::STUDY_SESSIONS), lead, study.as_deref()) {
            b.next_sentence();
        }
        let training = Some(link(K::Training));
        let lead = ("举办法治培训", "期");
        if b.clause_in(m, area, &values, "activity.training.count", None, lead, training.as_deref()) {
            let lead = ("参训", "人次");
            let id = "activity.training.people";
            b.clause_in(m, area, &values, id, Some(checker::TRAINING_PARTICIPANTS), lead, training.as_deref());
            b.next_sentence();
        }
        let events = Some(link(K::EducationEvent));
        let lead = ("开展普法活动", "场");
        let id = "activity.education_event.count";
        if b.clause_in(m, area, &values, id, Some(checker::LEGAL_EDUCATION_EVENTS), lead, events.as_deref()) {
            b.next_sentence();
        }
        Ok(())
    }

    async fn goi_figures(&self, actor: &Actor, unit: &Unit, year: i32, b: &mut Builder) -> Result<(), AppError> {
        let last = fazhi_core::procedure::goi_tables::COLUMNS - 1;
        let t3 = self.goi_table3(actor, unit.id, year, false).await?;
        let link = format!("/reports/goi?unit={}&year={year}", unit.id);
        let t = &t3.table;
        let rows = [
            ("goi.new_requests", "本年新收政府信息公开申请", t.new_requests[last]),
            ("goi.carried_in", "上年结转", t.carried_in[last]),
            ("goi.concluded", "本年度办结", t.results_total()[last]),
            ("goi.carried_out", "结转下年度继续办理", t.carried_out[last]),
        ];
        for (id, lead, n) in rows {
            let checker = (id == "goi.new_requests").then_some(fazhi_report::indicators::DISCLOSURE_REQUESTS_RECEIVED);
            b.push("requests", "", id, &format!("{lead}{n}件"), n as f64, checker, &link);
        }
        b.next_sentence();
        let t4 = self.goi_table4(actor, unit.id, year, false).await?;
        let suits = t4.table.direct_suit.total + t4.table.suit_after_reconsideration.total;
        let rec = t4.table.reconsideration.total;
        b.push(
            "reviews",
            "",
            "goi.reconsideration",
            &format!("因政府信息公开工作被申请行政复议{rec}件"),
            rec as f64,
            None,
            &link,
        );
        b.push("reviews", "", "goi.litigation", &format!("被提起行政诉讼{suits}件"), suits as f64, None, &link);
        Ok(())
    }
}
