//! The parts of the annual reports, as data.
//!
//! 法治政府建设年度报告: the five parts of the 督察工作规定 (LAW.md §1.1), the
//! first with sub-headings from the areas of the 法治政府建设实施纲要
//! (2021-2025) (a unit may add its own). 政府信息公开工作年度报告: the six
//! sections of the template of 国办公开办函〔2021〕30号 (LAW.md §2.5), three of
//! them carrying tables 2, 3 and 4.

/// A table a part of the GOI report carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoiTable {
    /// 表二 主动公开政府信息情况.
    Table2,
    /// 表三 收到和处理政府信息公开申请情况.
    Table3,
    /// 表四 政府信息公开行政复议、行政诉讼情况.
    Table4,
}

/// One part of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartDef {
    /// Machine name (`measures`), as stored and in forms.
    pub code: &'static str,
    /// The heading, as printed (without its number).
    pub heading: &'static str,
    /// The sub-headings offered (a unit may add its own).
    pub areas: &'static [&'static str],
    /// Publication is refused while the part is empty.
    pub required: bool,
    /// The part must state something of its own: generated figures alone do
    /// not fill it (存在的不足和原因).
    pub narrative_required: bool,
    /// The table the part carries (GOI report).
    pub table: Option<GoiTable>,
    /// The fewest characters of narrative that are more than a token.
    pub min_chars: usize,
}

const fn part(code: &'static str, heading: &'static str) -> PartDef {
    PartDef { code, heading, areas: &[], required: true, narrative_required: false, table: None, min_chars: 30 }
}

/// The areas of the 法治政府建设实施纲要（2021－2025年）(中发〔2021〕33号),
/// its sections 二 to 十 [P: section titles as commonly quoted].
pub const OUTLINE_AREAS: &[&str] = &[
    "健全政府机构职能体系，推动更好发挥政府作用",
    "健全依法行政制度体系，加快推进政府治理规范化程序化法治化",
    "健全行政决策制度体系，不断提升行政决策公信力和执行力",
    "健全行政执法工作体系，全面推进严格规范公正文明执法",
    "健全突发事件应对体系，依法预防处置重大突发事件",
    "健全社会矛盾纠纷行政预防调处化解体系，不断促进社会公平正义",
    "健全行政权力制约和监督体系，促进行政权力规范透明运行",
    "健全法治政府建设科技保障体系，全面建设数字法治政府",
    "加强党的领导，完善法治政府建设推进机制",
];

/// The five parts of the 法治政府建设年度报告 (督察工作规定, LAW.md §1.1).
pub const RULE_OF_LAW_PARTS: &[PartDef] = &[
    PartDef { areas: OUTLINE_AREAS, min_chars: 100, ..part("measures", "主要举措和成效") },
    PartDef { narrative_required: true, ..part("shortcomings", "存在的不足和原因") },
    part("leaders", "党政主要负责人履行推进法治建设第一责任人职责情况"),
    part("plans", "下一年度主要安排"),
    PartDef { required: false, min_chars: 0, ..part("other", "其他需要报告的事项") },
];

/// The six sections of the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号, LAW.md §2.5).
pub const GOI_PARTS: &[PartDef] = &[
    part("overview", "总体情况"),
    PartDef { table: Some(GoiTable::Table2), min_chars: 0, ..part("proactive", "主动公开政府信息情况") },
    PartDef {
        table: Some(GoiTable::Table3), min_chars: 0, ..part("requests", "收到和处理政府信息公开申请情况")
    },
    PartDef {
        table: Some(GoiTable::Table4), min_chars: 0, ..part("reviews", "政府信息公开行政复议、行政诉讼情况")
    },
    PartDef { narrative_required: true, ..part("problems", "存在的主要问题及改进情况") },
    PartDef { min_chars: 0, ..part("other", "其他需要报告的事项") },
];

/// The part of `parts` named `code`.
pub fn find(parts: &'static [PartDef], code: &str) -> Option<&'static PartDef> {
    parts.iter().find(|p| p.code == code)
}
