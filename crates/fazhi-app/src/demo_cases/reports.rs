//! The demo district's annual reports of last year, run through the report
//! kinds' engine with the dates a real year would have: the 市场监督管理局
//! writes and publishes its own 法治政府建设年度报告 (reported upward before
//! 1 March); the government's is drafted, given the figures generated from
//! the demo records, compiled with the department's, reviewed by the
//! government's executive meeting and the Party committee, checked and
//! published before 1 April; its 政府信息公开工作年度报告 is published before
//! 31 March with tables 3 and 4 counted from the records. Steps dated after
//! today are not taken (the report stays where it is).

use chrono::{Datelike, NaiveDate};
use fazhi_core::procedure::annual_report::{
    Action, Contribution, Data, Flavor, Goi, GoiReport, RuleOfLaw, RuleOfLawReport,
};
use fazhi_core::procedure::form::code_of;
use fazhi_core::procedure::{Matter, Procedure};
use fazhi_store::cases::{self, CaseRow};
use fazhi_store::units::Unit;
use fazhi_store::{documents, WriteTx};

use super::{Script, Seeder};
use crate::annual_report::{
    check_draft, document, figures::AREA_DISPUTES, figures::AREA_LEAD as LEAD, figures::AREA_SUPERVISION, GoiTables,
};
use crate::auth::Actor;
use crate::cases::{new_case, step_update, to_json, Filing, Party};
use crate::{App, AppError};

const ADMIN: &str = "健全政府机构职能体系，推动更好发挥政府作用";
const RULES: &str = "健全依法行政制度体系，加快推进政府治理规范化程序化法治化";
const DECISIONS: &str = "健全行政决策制度体系，不断提升行政决策公信力和执行力";
const ENFORCEMENT: &str = "健全行政执法工作体系，全面推进严格规范公正文明执法";

fn write(part: &str, heading: &str, body: &str) -> Action {
    Action::Write { part: part.to_owned(), heading: heading.to_owned(), body: body.to_owned() }
}

fn government_texts(unit: &str, year: i32) -> Vec<Action> {
    vec![
        write("measures", "", &format!("{year}年，{unit}坚持以习近平法治思想为指导，对照《法治政府建设实施纲要（2021－2025年）》逐项推进法治政府建设，各项工作由记录生成的数据见下文。")),
        write("measures", ADMIN, "深化“放管服”改革，动态调整权责清单并向社会公布，推行证明事项告知承诺制，政务服务事项全部实现网上可办。"),
        write("measures", RULES, "严格执行行政规范性文件合法性审核和备案审查制度，对不符合上位法的文件及时修改或废止，文件统一登记、统一编号、统一发布。"),
        write("measures", DECISIONS, "重大行政决策严格履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序，决策事项目录向社会公开并接受监督。"),
        write("measures", ENFORCEMENT, "全面落实行政执法公示、执法全过程记录和重大执法决定法制审核制度，推行包容审慎监管，规范行使行政裁量权。"),
        write("measures", AREA_DISPUTES, "发挥行政复议化解行政争议主渠道作用，推动行政调解、人民调解、行政复议衔接联动，信访事项依法分类处理。"),
        write("measures", AREA_SUPERVISION, "自觉接受人大监督、政协民主监督、司法监督和社会监督，认真办理人大代表建议和政协委员提案，全面推进政务公开。"),
        write("measures", LEAD, "区政府常务会议专题听取法治政府建设工作汇报，将法治政府建设纳入年度综合绩效考核，健全领导干部应知应会党内法规和国家法律清单制度。"),
        write("shortcomings", "", "一是部分行政机关工作人员运用法治思维和法治方式解决问题的能力仍有差距，少数执法人员对新修订法律法规掌握不够。二是基层执法力量与执法任务不相匹配，街道综合执法的规范化水平有待提高。三是行政复议纠错后部分被申请人整改不够及时，行政诉讼败诉案件的原因分析和源头治理还需加强。主要原因是法治教育培训的针对性不强，考核评价中法治建设的权重偏低。"),
        write("leaders", "", "区政府主要负责同志认真履行推进法治建设第一责任人职责，主持召开区政府常务会议专题研究法治政府建设工作，带头开展会前学法，带头出庭应诉，将法治建设纳入全区高质量发展综合绩效考核，对重点任务亲自部署、亲自协调、亲自督办。"),
        write("plans", "", "下一年度，区政府将以实施新一轮法治政府建设规划为抓手，着力提升行政执法质量，深化行政复议体制改革成效，加强行政规范性文件全链条管理，推进数字法治政府建设，持续加强执法人员培训和考核，切实补齐基层法治建设短板。"),
        write("other", "", "本年度法治政府建设相关信息已通过区政府门户网站政务公开专栏公开。"),
    ]
}

fn department_texts(unit: &str, year: i32) -> Vec<Action> {
    vec![
        write("measures", "", &format!("{year}年，{unit}围绕市场监管领域严格规范公正文明执法推进法治部门建设。")),
        write("measures", ENFORCEMENT, "落实行政执法三项制度，对重大执法决定一律进行法制审核，推行首违不罚和轻微违法免罚清单，编制行政裁量基准并向社会公布。"),
        write("measures", AREA_SUPERVISION, "健全内部执法监督机制，开展执法案卷评查，认真办理涉及本局的政府信息公开申请和行政复议、行政诉讼案件。"),
        write("shortcomings", "", "一是基层市场监管所执法人员专业能力参差不齐，新领域新业态监管经验不足。二是部分执法文书说理不够充分，案卷评查中仍发现证据收集不规范的问题。主要原因是执法培训覆盖面不够，执法监督的日常化机制尚未完全建立。"),
        write("leaders", "", "局主要负责同志履行推进法治建设第一责任人职责，主持局党组会议研究法治建设工作，带头学法用法，对重大执法决定法制审核工作亲自督办。"),
        write("plans", "", "下一年度，本局将加强执法人员分级分类培训，完善行政裁量基准动态调整机制，推进执法监督常态化，提升案卷质量。"),
        write("other", "", "无其他需要报告的事项。"),
    ]
}

fn goi_texts(unit: &str, year: i32) -> Vec<Action> {
    vec![
        write("overview", "", &format!("{year}年，{unit}认真贯彻《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开，依申请公开工作依法规范办理，政府信息公开工作机构、人员和制度保障到位。")),
        write("proactive", "", "区政府门户网站及时公开规范性文件、行政许可、行政处罚等信息，各类信息按照条例第二十条确定的范围主动公开。"),
        write("requests", "", "依申请公开严格执行登记、审核、答复各环节的时限要求，答复书面说明理由和救济途径。"),
        write("reviews", "", "对因政府信息公开引起的行政复议、行政诉讼案件认真分析原因，改进答复工作。"),
        write("problems", "", "一是部分单位主动公开信息更新不够及时，栏目内容还需完善。二是依申请公开答复的说理有待加强。下一步将加强培训和督促检查，提高答复质量。"),
        write("other", "", "本年度未收取信息处理费。"),
    ]
}

/// A report planned in memory: opened, its texts, then dated steps.
struct Plan<'s, P: Procedure<Action = Action, Data = Data>> {
    script: Script<'s, P>,
}

impl<'s, P: Procedure<Action = Action, Data = Data>> Plan<'s, P> {
    fn open(seeder: &'s Seeder<'s>, year: i32, department: bool, on: NaiveDate) -> Result<Self, AppError> {
        let script = seeder.start::<P>(Action::Open { year, department, revises: String::new() }, on)?;
        Ok(Plan { script })
    }
}

/// Stores a planned report (its history dated as planned) and, once
/// published, its document on the portal.
async fn store<P: Procedure<Action = Action, Data = Data>>(
    tx: &mut WriteTx,
    plan: &Plan<'_, P>,
    unit: &Unit,
    title: &str,
    published: Option<&fazhi_document::Document>,
) -> Result<CaseRow, AppError> {
    let s = &plan.script;
    if let (true, Some((action, date, e))) = (cfg!(debug_assertions), &s.refused) {
        return Err(AppError::Internal(format!("demo report step {action:?} on {date} refused: {e}")));
    }
    let engine = &s.seeder.engine;
    let filing = Filing {
        unit_id: unit.id,
        handler_id: None,
        receipt_code: None,
        subject: title.to_owned(),
        party: Party { name: unit.name.clone(), contact: String::new(), person: false, court: String::new() },
        origin_id: None,
        respondent_id: None,
        matter: Matter::Other,
    };
    let mut new = new_case(engine, &s.initial, &s.first, filing)?;
    new.first_event.occurred_on = s.initial.common.last_date.map(|d| d.to_string()).unwrap_or_default();
    let mut row = cases::insert(tx, &new).await?;
    for (action, date, state) in &s.steps {
        let step = step_update(engine, state, code_of(&P::verb(action)), to_json(action)?, *date)?;
        row = cases::record_step(tx, &row.region_code, row.id, row.version, &step).await?;
    }
    if let (Some(doc), Some(on)) = (published, s.state.data.published_on) {
        let body = serde_json::to_string(doc).map_err(|e| AppError::Internal(e.to_string()))?;
        documents::publish(
            tx,
            &row.region_code,
            &row.unit_path,
            row.id,
            &doc.title,
            &body,
            &unit.name,
            &on.to_string(),
        )
        .await?;
    }
    Ok(row)
}

fn day(year: i32, month: u32, d: u32) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(year, month, d).ok_or_else(|| AppError::Internal("demo report date".into()))
}

/// Takes the review steps up to publication on the planned dates, with an
/// override if the checker flags the draft (none on the demo's text).
#[allow(clippy::too_many_arguments)]
fn review<P: Procedure<Action = Action, Data = Data>>(
    plan: &mut Plan<'_, P>,
    government: bool,
    rule_of_law: bool,
    dates: &[NaiveDate; 6],
    flags: Vec<String>,
) {
    let s = &mut plan.script;
    s.at(dates[0], Action::Submit);
    s.at(dates[1], Action::Approve { opinion: "报告内容完整，数据与案件记录一致，同意提请审议。".into() });
    if rule_of_law {
        if government {
            s.at(dates[2], Action::GovernmentMeeting { meeting: "区政府常务会议".into(), opinion: "审议通过".into() });
            s.at(dates[3], Action::PartyMeeting { meeting: "区委常委会会议".into(), opinion: "审议通过".into() });
        } else {
            s.at(dates[3], Action::PartyMeeting { meeting: "局党组会议".into(), opinion: "审议通过".into() });
            s.at(dates[4], Action::SubmitUpward { to: "区人民政府、市市场监督管理局".into() });
        }
    }
    if !flags.is_empty() {
        s.at(
            dates[5],
            Action::Override {
                reason: "经审核，报告体检提示的问题不影响报告内容的真实性和完整性，准予公开".into(),
                flags: flags.clone(),
            },
        );
    }
    s.at(dates[5], Action::Publish { flags });
}

impl App {
    /// The demo's reports of last year (if there are none yet); returns how
    /// many report cases were added.
    pub(super) async fn seed_demo_reports(
        &self,
        seeder: &Seeder<'_>,
        tx: &mut WriteTx,
        all: &[Unit],
    ) -> Result<usize, AppError> {
        let (Some(gov), Some(dept)) =
            (all.iter().find(|u| u.code == "YC-GOV"), all.iter().find(|u| u.code == "YC-SCJGJ"))
        else {
            return Ok(0);
        };
        let actor = Actor::command_line("demo");
        let year = seeder.today.year() - 1;
        let next = year + 1;
        let mut added = 0;

        // The department's own report, published before 1 March.
        let dept_title = RuleOfLaw::title(&dept.name, year);
        let mut d = Plan::<RuleOfLawReport>::open(seeder, year, true, day(next, 1, 5)?)?;
        for a in department_texts(&dept.name, year) {
            d.script.at(day(next, 1, 12)?, a);
        }
        let figs = self.report_figures(&actor, dept, year, RuleOfLaw::ID).await?;
        d.script.at(day(next, 1, 13)?, Action::Figures { figures: figs.figures.clone() });
        let published_on = day(next, 2, 24)?;
        let dept_doc = document::build::<RuleOfLaw>(&dept_title, &dept.name, published_on, &d.script.state.data, None);
        let flags = blocking_messages(&dept_doc, &figs.recorded);
        let dates =
            [day(next, 1, 19)?, day(next, 1, 26)?, day(next, 2, 3)?, day(next, 2, 9)?, day(next, 2, 16)?, published_on];
        review(&mut d, false, true, &dates, flags);
        let dept_row = store(tx, &d, dept, &dept_title, Some(&dept_doc)).await?;
        added += 1;

        // The government's report: drafted, figures, compiled, reviewed, published before 1 April.
        let title = RuleOfLaw::title(&gov.name, year);
        let mut g = Plan::<RuleOfLawReport>::open(seeder, year, false, day(next, 1, 6)?)?;
        for a in government_texts(&gov.name, year) {
            g.script.at(day(next, 2, 10)?, a);
        }
        let figs = self.report_figures(&actor, gov, year, RuleOfLaw::ID).await?;
        g.script.at(day(next, 2, 11)?, Action::Figures { figures: figs.figures.clone() });
        let theirs = &d.script.state.data;
        let texts = crate::annual_report::compiled_texts(&g.script.state.data, &dept.name, theirs);
        g.script.at(
            day(next, 2, 27)?,
            Action::Compile {
                contributions: vec![Contribution { number: dept_row.number.clone(), unit: dept.name.clone() }],
                texts,
            },
        );
        let published_on = day(next, 3, 27)?;
        let gov_doc = document::build::<RuleOfLaw>(&title, &gov.name, published_on, &g.script.state.data, None);
        let flags = blocking_messages(&gov_doc, &figs.recorded);
        let dates =
            [day(next, 3, 2)?, day(next, 3, 9)?, day(next, 3, 16)?, day(next, 3, 23)?, day(next, 3, 24)?, published_on];
        review(&mut g, true, true, &dates, flags);
        store(tx, &g, gov, &title, Some(&gov_doc)).await?;
        added += 1;

        // The government's 政府信息公开工作年度报告, published before 31 March.
        let goi_title = Goi::title(&gov.name, year);
        let mut r = Plan::<GoiReport>::open(seeder, year, false, day(next, 1, 8)?)?;
        for a in goi_texts(&gov.name, year) {
            r.script.at(day(next, 1, 20)?, a);
        }
        let entered: [(&str, u64); 7] = [
            ("normative.made", 6),
            ("normative.repealed", 2),
            ("normative.in_force", 41),
            ("licensing", 1260),
            ("penalties", 874),
            ("coercion", 35),
            ("fees_fen", 0),
        ];
        r.script.at(
            day(next, 1, 20)?,
            Action::EnterTable2 { values: entered.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect() },
        );
        let figs = self.report_figures(&actor, gov, year, Goi::ID).await?;
        r.script.at(day(next, 1, 21)?, Action::Figures { figures: figs.figures });
        let t3 = self.goi_table3(&actor, gov.id, year, false).await?;
        let t4 = self.goi_table4(&actor, gov.id, year, false).await?;
        let published_on = day(next, 3, 24)?;
        let tables = GoiTables { table3: t3.table, table4: t4.table };
        let goi_doc = document::build::<Goi>(&goi_title, &gov.name, published_on, &r.script.state.data, Some(&tables));
        let dates = [day(next, 3, 3)?, day(next, 3, 10)?, published_on, published_on, published_on, published_on];
        review(&mut r, true, false, &dates, Vec::new());
        store(tx, &r, gov, &goi_title, Some(&goi_doc)).await?;
        added += 1;
        Ok(added)
    }
}

fn blocking_messages(doc: &fazhi_document::Document, recorded: &crate::annual_report::Recorded) -> Vec<String> {
    check_draft(doc, recorded).into_iter().filter(|f| f.blocking).map(|f| f.message).collect()
}
