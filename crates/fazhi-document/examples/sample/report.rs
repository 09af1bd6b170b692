//! Sample documents for the example and the tests: the demo district's 法治政府建设
//! report (about fifteen pages) and its 政府信息公开工作年度报告. All text is made up.

use chrono::NaiveDate;

use fazhi_core::procedure::goi_tables::{Table3, Table4};
use fazhi_core::procedure::DisclosureOutcome;
use fazhi_document::goi::{self, Amount, Entry, Issued, Table2};
use fazhi_document::{Cell, Document, Paragraph, Section, Table};

const UNIT: &str = "YC-GOV";

fn records(indicator: &str) -> String {
    format!("/indicators/{indicator}/records?unit={UNIT}&from=2025-01-01&to=2025-12-31")
}

fn p(text: &str) -> Paragraph {
    Paragraph::text(text)
}

/// A sentence generated from indicators: text, then figures with their records, then text.
fn generated(parts: &[(&str, Option<(&str, &str)>)]) -> Paragraph {
    let mut para = Paragraph::default();
    for (text, figure) in parts {
        para = para.and(*text);
        if let Some((value, indicator)) = figure {
            para = para.figure(*value, records(indicator));
        }
    }
    para
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn leadership() -> Section {
    Section::new("坚持党的领导，压实法治建设责任")
        .with(p("区委、区政府把法治政府建设纳入全区经济社会发展总体布局，年初召开全区法治政府建设工作会议，印发年度工作要点，明确六个方面二十八项具体任务，逐项确定牵头单位和完成时限。区政府常务会议每季度听取一次法治政府建设工作情况汇报，对推进中遇到的难点问题现场研究、现场拍板，确保各项任务有人抓、有人管、有结果。"))
        .with(generated(&[
            ("全年区政府常务会议会前学法", Some(("7次", "activity.pre_meeting_study"))),
            ("，组织领导干部参加法治专题培训", Some(("2000人次", "activity.training_participants"))),
            ("，新任领导干部任前法律知识考试参考率达到100%。", None),
        ]))
        .with(p("健全领导干部学法用法制度，把习近平法治思想和宪法、民法典以及与履职密切相关的法律法规列入区委理论学习中心组年度学习计划，全年安排专题学法四次。组织开展国家工作人员旁听庭审活动，各部门分批次组织工作人员旁听行政案件庭审，以案释法，增强依法行政意识。"))
        .with(p("各街道、各部门主要负责人认真履行推进法治建设第一责任人职责，把法治建设与业务工作同谋划、同部署、同推进、同考核。区委依法治区办对二十四个部门和八个街道开展法治建设专项督察，发现问题四十三个，已全部建立整改台账，逐项跟踪销号。"))
}

fn functions() -> Section {
    Section::new("依法全面履行政府职能，优化法治化营商环境")
        .with(
            Section::new("深化权责清单管理")
                .with(p("对照上级调整事项，动态调整区级部门权责清单，全年新增事项三十六项、取消十二项、变更二十一项，调整情况统一在区政府门户网站公布。各部门对照清单逐项明确办理时限、责任科室和监督电话，做到清单之外无权力、清单之内有责任。"))
                .with(p("建立权责清单与政务服务事项、行政执法事项的对应关系，实现同一事项名称、编码、依据、类型“四统一”，群众和企业办事可以在同一页面查到事项的依据和承办单位。")),
        )
        .with(
            Section::new("持续推进简政放权")
                .with(p("全面推行证明事项告知承诺制，对二十八类证明事项实行告知承诺，全年办理告知承诺事项四千余件，事后核查未发现虚假承诺情形。推进“一件事一次办”，将企业开办、不动产登记、新生儿出生等十六个高频事项整合为一次申请、一套材料、一窗受理。"))
                .with(p("落实公平竞争审查制度，对涉及市场主体经济活动的政策措施一律开展审查，全年审查政策措施四十一件，修改完善三件，清理妨碍统一市场和公平竞争的文件两件。")),
        )
        .with(
            Section::new("提升政务服务水平")
                .with(p("区政务服务中心设置综合受理窗口三十个，推行“前台综合受理、后台分类审批、统一窗口出件”，平均办理时限较法定时限压缩百分之六十以上。开设“办不成事”反映窗口，全年协调解决群众和企业反映的疑难事项一百一十余件。"))
                .with(p("依托12345政务服务便民热线，建立诉求分级分类办理机制，对涉企诉求实行首接负责、限时办结和回访评价，企业诉求按时办结率和满意率稳步提升。")),
        )
}

fn rules() -> Section {
    Section::new("完善依法行政制度体系，提高制度建设质量")
        .with(p("严格执行行政规范性文件制定程序，坚持起草、征求意见、合法性审核、集体审议、公开发布“五个环节”一个不少。区司法局对拟以区政府或区政府办公室名义印发的文件全部进行合法性审核，审核意见书与送审稿一并提交集体审议。"))
        .with(generated(&[
            ("全年区政府制发行政规范性文件", Some(("5件", "register.normative.made"))),
            ("，全部在规定时间内报区人大常委会备案，备案审查中未发现违法情形；开展规范性文件清理，废止", Some(("2件", "register.normative.repealed"))),
            ("，现行有效", Some(("40件", "register.normative.in_force"))),
            ("，清理结果已向社会公布。", None),
        ]))
        .with(p("落实规章和规范性文件征求意见制度，起草过程中通过门户网站公开征求意见的时间一般不少于三十日，对涉及企业切身利益的文件专门听取行业协会商会和企业代表的意见，意见采纳情况在文件发布时一并说明。"))
        .with(p("推进规范性文件统一发布平台建设，现行有效的规范性文件全部在区政府门户网站集中公开，并标注有效期和效力状态，方便群众和企业查询使用。"))
        .with(p("建立规范性文件实施后评估制度，对实施满两年的文件逐件评估其必要性、合理性和实施效果，评估结论作为继续执行、修改或者废止的依据。"))
}

fn decisions() -> Section {
    Section::new("严格落实重大行政决策程序，推进决策科学化民主化法治化")
        .with(p("制定并公布年度重大行政决策事项目录，将老旧小区改造、学前教育资源布局调整等五项事项纳入目录管理，逐项明确承办单位、履行程序和完成时限。目录事项全部履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。"))
        .with(p("涉及群众切身利益的决策事项，通过座谈会、听证会、网络征求意见等方式广泛听取意见，全年举行听证会两场，收到意见建议三百余条，采纳情况和理由向社会反馈。"))
        .with(
            Section::new("发挥法律顾问和公职律师作用")
                .with(p("区政府聘请法律顾问六名，各部门和街道实现法律顾问全覆盖。法律顾问全年参与审查合同、协议一百六十余份，列席区政府常务会议并就议题提出法律意见，为重大项目谈判、重大突发事件处置提供法律服务。")),
        )
        .with(Section::new("加强决策执行和后评估").with(p("建立重大行政决策执行情况跟踪反馈制度，承办单位每半年报告一次执行进度；对实施满一年的学前教育资源布局调整决策开展后评估，根据评估意见调整了两所幼儿园的建设时序。")))
}

fn enforcement() -> Section {
    Section::new("严格规范公正文明执法，提升执法效能")
        .with(
            Section::new("全面落实行政执法“三项制度”")
                .with(p("各执法部门通过区政府门户网站统一公示执法主体、执法人员、执法依据和执法结果，执法全过程记录设备配备到一线执法岗位，重大执法决定全部经过法制审核。全年开展行政执法案卷评查两次，抽查案卷三百二十卷，对评查发现的问题逐一反馈、限期整改。"))
                .with(generated(&[
                    ("全年全区作出行政处罚决定", Some(("300件", "enforcement.penalty_decisions"))),
                    ("，实施行政强制措施", Some(("4件", "enforcement.coercion_decisions"))),
                    ("，作出行政许可决定", Some(("1200件", "enforcement.licensing_decisions"))),
                    ("。", None),
                ])),
        )
        .with(
            Section::new("推进包容审慎监管")
                .with(p("落实轻微违法行为不予处罚和首违不罚清单制度，对初次违法、危害后果轻微并及时改正的市场主体依法不予处罚，同时开展教育提醒，做到宽严相济、法理相融。推行“双随机、一公开”监管与信用监管相结合，对信用良好的企业降低抽查比例，对风险较高的领域加大抽查力度。")),
        )
        .with(
            Section::new("加强执法队伍建设")
                .with(p("组织行政执法人员参加公共法律知识和专业法律知识培训，执法人员年度培训时间全部达到规定学时；组织新进人员参加执法资格考试，未取得执法证件的人员一律不得从事执法活动。"))
                .with(p("加强执法监督机构建设，区司法局设立行政执法监督科，各街道明确专人负责执法监督工作。建立行政执法监督员制度，从人大代表、政协委员、律师和群众代表中聘请监督员十二名，定期参与执法检查和案卷评查。"))
                .with(p("开展行政执法人员资格清理，注销调离执法岗位人员证件二十七个，执法人员信息在执法公示平台同步更新。")),
        )
}

fn disputes() -> Section {
    let table = Table::new(vec![6, 4, 4, 4, 4, 4, 4])
        .caption("表1 2025年行政复议案件办理情况")
        .header_row(vec![
            Cell::text("类别").rows(2),
            Cell::text("收案").rows(2),
            Cell::text("审结").cols(4),
            Cell::text("结转").rows(2),
        ])
        .header_row(vec![Cell::text("维持"), Cell::text("纠正"), Cell::text("驳回"), Cell::text("终止")])
        .row(vec![
            Cell::label("政府信息公开"),
            Cell::figure("12", Some(records("fy.goi.received"))),
            Cell::text("6"),
            Cell::text("2"),
            Cell::text("1"),
            Cell::text("1"),
            Cell::text("2"),
        ])
        .row(vec![
            Cell::label("行政处罚"),
            Cell::text("25"),
            Cell::text("14"),
            Cell::text("4"),
            Cell::text("2"),
            Cell::text("3"),
            Cell::text("2"),
        ])
        .row(vec![
            Cell::label("其他"),
            Cell::text("19"),
            Cell::text("9"),
            Cell::text("3"),
            Cell::text("3"),
            Cell::text("2"),
            Cell::text("2"),
        ])
        .row(vec![
            Cell::label("合计"),
            Cell::figure("56", Some(records("fy.received"))),
            Cell::text("29"),
            Cell::text("9"),
            Cell::text("6"),
            Cell::text("6"),
            Cell::text("6"),
        ]);
    Section::new("健全矛盾纠纷化解体系，发挥行政复议主渠道作用")
        .with(generated(&[
            ("全年区人民政府收到行政复议申请", Some(("56件", "fy.received"))),
            ("，受理", Some(("50件", "fy.accepted"))),
            ("，审结", Some(("50件", "fy.concluded"))),
            ("，纠错率", Some(("18.0%", "fy.correction_rate"))),
            ("。办理情况见下表。", None),
        ]))
        .with(table)
        .with(p("推进行政复议体制改革各项措施落地，统一受理区内各部门的行政复议案件，在政务服务中心设置复议受理窗口，开通网上申请渠道。对事实清楚、争议不大的案件适用简易程序，对专业性强的案件邀请行政复议委员会委员参与审理，审理过程中注重调解和解，全年通过调解和解结案八件。"))
        .with(generated(&[
            ("全年全区行政机关作为被告的行政诉讼案件", Some(("41件", "ys.received"))),
            ("，审结", Some(("33件", "ys.concluded"))),
            ("，败诉", Some(("2件", "ys.lost"))),
            ("，行政机关负责人出庭应诉率", Some(("100%", "ys.leader_appearance_rate"))),
            ("。", None),
        ]))
        .with(p("坚持和发展新时代“枫桥经验”，在各街道建立矛盾纠纷多元化解中心，整合人民调解、行政调解、司法调解力量，推动矛盾纠纷就地化解。全年各级调解组织调解纠纷二千三百余件，调解成功率保持在较高水平。"))
        .with(p("规范信访工作程序，落实首办责任制，依法分类处理信访诉求，对属于行政复议、行政诉讼等法定途径的诉求引导当事人依法提出，推动信访事项及时就地解决。"))
}

fn oversight() -> Section {
    Section::new("强化行政权力制约和监督，全面推进政务公开")
        .with(p("自觉接受区人大及其常委会的法律监督、工作监督和区政协的民主监督，全年办理人大代表建议八十六件、政协委员提案一百零二件，全部按期办结，代表委员对办理结果满意或基本满意。认真执行人民法院生效裁判，支持检察机关开展行政诉讼监督和公益诉讼工作，对检察建议全部按期书面回复。"))
        .with(generated(&[
            ("全年收到政府信息公开申请", Some(("118件", "goi.received"))),
            ("，按期答复率", Some(("100%", "goi.on_time_rate"))),
            ("；主动公开政府信息四千余条，重点领域信息公开专栏按照标准目录及时更新。", None),
        ]))
        .with(p("健全行政机关内部层级监督机制，区政府对各部门履行法定职责情况开展专项检查，对发现的不作为、慢作为问题责令限期整改，并在全区范围内通报。落实政务诚信建设要求，区政府及各部门全年未发生因不履行生效裁判被列入失信被执行人名单的情形。"))
        .with(p("加强审计监督和统计监督，完成经济责任审计和专项审计项目十五个，审计发现问题的整改情况纳入部门年度考核。开展统计造假、弄虚作假专项治理，对统计违法行为依法查处。"))
}

fn technology() -> Section {
    Section::new("加快数字法治政府建设，提升依法行政信息化水平")
        .with(p("依托全区统一的法治政府建设管理平台，将依申请公开、行政复议、行政应诉等事项纳入网上办理，期限到期前自动提醒，超期情况实时预警，全年未发生因超期办理被确认违法的情形。平台汇集各部门办理数据，年度报告中的统计数字均可追溯至具体案件记录。"))
        .with(p("建设行政复议和行政应诉案件网上办理系统，申请人可以通过网上渠道提交复议申请、查询办理进度，系统根据节假日安排自动计算补正、答复、审理等各个环节的期限，并在到期前提醒承办人员。"))
        .with(p("推进行政执法信息平台与政务服务平台、信用信息平台数据共享，执法检查结果、行政处罚决定自动归集到企业信用记录，实现“一处违法、处处受限”的联合惩戒效果。"))
}

/// An indicator: name, unit, this year, last year.
type IndicatorRow = (&'static str, &'static str, &'static str, &'static str);

/// The main indicators of the year against the year before, grouped by area.
fn indicators() -> Section {
    let groups: [(&str, &[IndicatorRow]); 5] = [
        (
            "制度建设",
            &[
                ("行政规范性文件制发", "件", "5", "7"),
                ("规范性文件合法性审核率", "%", "100", "100"),
                ("规范性文件备案及时率", "%", "100", "96"),
                ("重大行政决策事项", "项", "5", "4"),
                ("重大决策听证会", "场", "2", "1"),
            ],
        ),
        (
            "行政执法",
            &[
                ("行政处罚决定", "件", "300", "342"),
                ("行政强制措施", "件", "4", "6"),
                ("行政许可决定", "件", "1200", "1135"),
                ("执法案卷评查", "卷", "320", "280"),
                ("持证执法人员", "人", "486", "471"),
                ("不予处罚和首违不罚", "件", "57", "39"),
            ],
        ),
        (
            "行政复议",
            &[
                ("收到行政复议申请", "件", "56", "48"),
                ("受理", "件", "50", "43"),
                ("审结", "件", "50", "41"),
                ("纠错率", "%", "18.0", "14.6"),
                ("调解和解结案", "件", "8", "5"),
            ],
        ),
        (
            "行政应诉",
            &[
                ("行政诉讼案件", "件", "41", "45"),
                ("审结", "件", "33", "37"),
                ("败诉", "件", "2", "3"),
                ("负责人出庭应诉率", "%", "100", "98.2"),
            ],
        ),
        (
            "政务公开",
            &[
                ("收到政府信息公开申请", "件", "118", "102"),
                ("按期答复率", "%", "100", "99.0"),
                ("主动公开政府信息", "条", "4126", "3870"),
            ],
        ),
    ];
    let mut table = Table::new(vec![4, 12, 3, 4, 4]).caption("表2 2025年度法治政府建设主要指标").header_row(vec![
        Cell::text("领域"),
        Cell::text("指标"),
        Cell::text("单位"),
        Cell::text("2025年"),
        Cell::text("2024年"),
    ]);
    for (area, rows) in groups {
        for (i, (name, unit, this, last)) in rows.iter().enumerate() {
            let mut cells = Vec::new();
            if i == 0 {
                cells.push(Cell::text(area).rows(rows.len()));
            }
            cells.extend([Cell::label(*name), Cell::text(*unit), Cell::text(*this), Cell::text(*last)]);
            table = table.row(cells);
        }
    }
    Section::new("主要指标完成情况")
        .with(p("全年主要指标完成情况见下表。指标数值由管理平台根据各部门办理记录自动统计，可以逐项查看所依据的案件和事项记录。"))
        .with(table)
}

fn shortcomings() -> Section {
    Section::new("存在的不足和原因")
        .with(p("一年来，全区法治政府建设取得了一定成效，但对照上级要求和人民群众期待，还存在一些不足：一是部分部门对法治政府建设重要性认识还不够到位，重业务、轻法治的现象仍有发生；二是基层执法力量相对薄弱，执法人员法律专业背景比例偏低，执法规范化水平有待提升；三是行政复议纠错后个别部门整改不够及时，同类问题重复发生；四是数据共享还不充分，部分统计数据仍需手工报送和核对。"))
        .with(p("此外，法治宣传教育的针对性和实效性还有待增强，普法活动形式较为单一，面向新业态从业人员、外来务工人员等群体的普法工作还需加强；部分街道法律顾问参与决策的深度不够，合法性审查有时流于形式。"))
        .with(p("产生上述问题的原因主要有：部分领导干部学法用法的主动性不强，法治思维和依法办事能力与新形势新任务的要求还有差距；执法资源配置与执法任务不相匹配；对行政复议纠错案件的跟踪问效机制还不健全；信息化建设标准不统一，部门之间的系统对接仍在推进中。"))
}

fn leaders() -> Section {
    Section::new("党政主要负责人履行推进法治建设第一责任人职责情况")
        .with(p("区委主要负责同志全年主持召开区委全面依法治区委员会会议两次，专题研究法治政府建设重点任务，对法治建设重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。区政府主要负责同志主持区政府常务会议会前学法七次，带头参加行政诉讼案件出庭应诉，带头在区人大常委会会议上报告法治政府建设情况。"))
        .with(p("区政府主要负责同志坚持重大事项依法决策，对提交区政府常务会议审议的议题，要求先经合法性审查、后上会研究，未经合法性审查或者审查不合格的，不得提交会议讨论。全年区政府常务会议审议的议题中，涉及法律问题的全部听取了法律顾问意见。"))
        .with(p("坚持把履行推进法治建设第一责任人职责情况列入年终述职内容，组织各部门、各街道党政主要负责人开展述法，述法结果作为考核评价干部的重要参考。"))
}

fn plans() -> Section {
    Section::new("2026年度主要安排")
        .with(Section::new("持续深化依法行政制度建设").with(p("严格落实重大行政决策程序和规范性文件合法性审核机制，推进规范性文件数据库建设，做到现行有效文件底数清、情况明、可查询。")))
        .with(Section::new("着力提升行政执法质量").with(p("开展行政执法质量提升行动，加大案卷评查和执法监督力度，推动基层综合执法队伍规范化建设，提高执法人员中法律专业人员比例。")))
        .with(Section::new("充分发挥行政复议化解行政争议主渠道作用").with(p("完善行政复议案件审理机制，建立纠错案件整改跟踪制度，定期通报行政复议和行政诉讼案件情况，推动从源头上减少行政争议。")))
        .with(Section::new("深入开展法治宣传教育").with(p("落实“谁执法谁普法”普法责任制，编制年度普法责任清单，推动各部门在执法办案过程中开展以案释法。围绕民法典、行政复议法等法律法规开展集中宣传，推进法治文化阵地建设，提升群众尊法学法守法用法的意识。")))
        .with(Section::new("加快数字法治政府建设").with(p("推进各业务系统数据对接，实现年度报告统计数据由系统自动生成、全程可追溯，减少手工报送，提高数据的准确性和及时性。")))
}

fn other() -> Section {
    Section::new("其他需要报告的事项").with(p("本年度无其他需要报告的事项。"))
}

/// The demo district's 法治政府建设 report for 2025: about fifteen pages.
pub fn annual_report() -> Document {
    let mut doc =
        Document::new("云川区人民政府关于2025年度\n法治政府建设情况的报告", "云川区人民政府", date(2026, 3, 20))
            .with_number("云府〔2026〕12号");
    doc.push(p("2025年，云川区人民政府在区委的坚强领导下，在区人大及其常委会的监督支持下，深入学习贯彻习近平法治思想，全面落实《法治政府建设实施纲要（2021—2025年）》，扎实推进依法行政，法治政府建设各项工作取得新的进展。现将有关情况报告如下："));
    let mut part1 = Section::new("2025年度推进法治政府建设的主要举措和成效");
    for s in [
        leadership(),
        functions(),
        rules(),
        decisions(),
        enforcement(),
        disputes(),
        oversight(),
        technology(),
        indicators(),
    ] {
        part1.push(s);
    }
    doc.push(part1);
    for s in [shortcomings(), leaders(), plans(), other()] {
        doc.push(s);
    }
    doc.push(p("特此报告。"));
    doc
}

/// The demo district's 政府信息公开工作年度报告 for 2025 with tables 2, 3 and 4.
pub fn goi_report() -> Document {
    let mut t3 = Table3::empty(2025);
    t3.new_requests = [86, 12, 1, 2, 5, 3, 109];
    t3.carried_in = [7, 2, 0, 0, 0, 0, 9];
    let mut put = |o: DisclosureOutcome, row: [u64; 7]| t3.results[o.index()] = row;
    put(DisclosureOutcome::Disclosed, [38, 6, 1, 1, 2, 1, 49]);
    put(DisclosureOutcome::PartlyDisclosed, [9, 2, 0, 0, 1, 0, 12]);
    put(DisclosureOutcome::WithheldThirdParty, [3, 1, 0, 0, 0, 0, 4]);
    put(DisclosureOutcome::WithheldProcessInformation, [2, 0, 0, 0, 0, 0, 2]);
    put(DisclosureOutcome::UnavailableNotHeld, [21, 3, 0, 1, 1, 1, 27]);
    put(DisclosureOutcome::NotHandledPetition, [6, 0, 0, 0, 0, 0, 6]);
    put(DisclosureOutcome::OtherNoCorrection, [4, 1, 0, 0, 0, 0, 5]);
    t3.carried_out = [10, 1, 0, 0, 1, 1, 13];
    let mut t4 = Table4::compute(2025, &[]);
    t4.reconsideration.upheld = 6;
    t4.reconsideration.corrected = 2;
    t4.reconsideration.other = 2;
    t4.reconsideration.pending = 2;
    t4.reconsideration.total = 12;
    t4.direct_suit.upheld = 3;
    t4.direct_suit.pending = 1;
    t4.direct_suit.total = 4;
    t4.suit_after_reconsideration.upheld = 1;
    t4.suit_after_reconsideration.total = 1;
    let n = |v: u64, id: &str| Entry::counted(v, Some(records(id)));
    let t2 = Table2 {
        rules: Issued { made: Entry::entered(0), repealed: Entry::entered(0), in_force: Entry::entered(0) },
        normative_documents: Issued {
            made: n(5, "register.normative.made"),
            repealed: n(2, "register.normative.repealed"),
            in_force: n(40, "register.normative.in_force"),
        },
        licensing: Entry::entered(1200),
        penalties: n(300, "enforcement.penalty_decisions"),
        coercion: n(4, "enforcement.coercion_decisions"),
        fees: Entry::entered(Amount { fen: 12_500_000 }),
    };
    let link3 = |line: goi::Table3Line, _| match line {
        goi::Table3Line::NewRequests => Some(records("goi.received")),
        _ => None,
    };

    let mut doc = Document::new("云川区人民政府\n2025年政府信息公开工作年度报告", "云川区人民政府", date(2026, 3, 25));
    doc.push(p("本报告依据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室有关要求编制，报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。"));
    doc.push(Section::new("总体情况").with(p("2025年，云川区人民政府围绕群众关切，持续做好主动公开、依申请公开和政府信息管理工作，公开平台建设和监督保障不断加强。")));
    doc.push(Section::new("主动公开政府信息情况").with(goi::table2(&t2)));
    doc.push(Section::new("收到和处理政府信息公开申请情况").with(goi::table3_linked(&t3, &link3)));
    doc.push(Section::new("政府信息公开行政复议、行政诉讼情况").with(goi::table4(&t4)));
    doc.push(
        Section::new("存在的主要问题及改进情况")
            .with(p("个别部门答复文书说理不够充分，下一步将统一答复文书格式，加强对承办人员的培训。")),
    );
    doc.push(Section::new("其他需要报告的事项").with(p("本年度未收取信息处理费。")));
    doc
}
