//! The mechanisms of PRODUCT.md in the navigation, and the plain page for
//! those not built yet (no fake pages, no placeholder figures).

use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{html, Layout, Mechanism, MechanismPage, NavSection};
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};

const fn m(slug: &'static str, label: &'static str, plan: &'static str) -> Mechanism {
    Mechanism { slug, label, live_at: None, plan }
}

/// Every mechanism, grouped as in PRODUCT.md.
pub static SECTIONS: &[NavSection] = &[
    NavSection {
        label: "办案程序",
        items: &[
            Mechanism {
                slug: "disclosure",
                label: "依申请公开",
                live_at: Some("/cases"),
                plan: "在线申请与来信来访登记、回执码查询、补正、征求第三方意见、延期审批、按年报表3的结果分类答复并生成告知书,法定期限按工作日自动计算。",
            },
            Mechanism {
                slug: "reconsideration",
                label: "行政复议",
                live_at: Some("/cases?kind=reconsideration"),
                plan: "申请期限审查、补正、受理审查、普通程序与简易程序、听证、调解和解、中止终止、各类决定及决定书公开,纠错率等指标自动统计。",
            },
            Mechanism {
                slug: "litigation",
                label: "行政应诉",
                live_at: Some("/cases?kind=litigation"),
                plan: "直接起诉与复议后起诉案件、庭前提醒、负责人出庭应诉登记、败诉情况,出庭应诉率与败诉率统计。",
            },
            m("enforcement", "行政执法案件", "立案、调查、法制审核、决定、送达、执行,执法决定公示期限提醒。"),
            m("inspection", "双随机抽查", "抽查事项清单、检查对象名录库与执法人员名录库随机抽取、结果公示。"),
            m("hotline", "12345接诉即办", "工单受理、派单、办理、回访,响应率、解决率、满意率统计。"),
            Mechanism {
                slug: "petition",
                label: "信访",
                live_at: Some("/cases?kind=petition"),
                plan: "来信、来访、网上信访登记与回执码查询,转送交办、受理告知与异议,依法分类处理导入法定途径,处理意见与调解和解,复查复核,及时受理率、按期办结率、满意率、初信初访一次性化解率统计。",
            },
            Mechanism {
                slug: "mediation",
                label: "调解",
                live_at: Some("/cases?kind=mediation"),
                plan: "人民调解与行政调解:当事人申请、主动调解,公调对接、诉调对接、访调对接移交并关联来源案件;受理、调解、协议或调解不成、司法确认与回访,受理数、调处成功数与成功率按来源和纠纷类型统计。",
            },
            Mechanism {
                slug: "proposal",
                label: "人大建议政协提案",
                live_at: Some("/cases?kind=proposal"),
                plan: "建议、提案批量导入与逐件登记、交办主办会办单位、见面沟通、按A/B/C/D分类答复并公开、代表委员反馈与不满意重新办理,办复率、满意率等指标自动统计。",
            },
        ],
    },
    NavSection {
        label: "台账清单",
        items: &[
            m("powers", "权责清单", "事项的新增、取消、变更、下放与承接,版本留痕,调整后重新公布。"),
            m("decisions", "重大行政决策", "决策目录、公众参与、专家论证、风险评估、合法性审查、集体讨论五个法定环节与意见征集。"),
            m("normative-docs", "行政规范性文件", "合法性审核、统一登记编号发布、备案、有效期与清理。"),
            m("officers", "执法主体与人员", "执法主体、执法人员与执法证件管理。"),
            m("inspection-objects", "检查对象", "市场主体等检查对象名录库。"),
            m("advisers", "法律顾问", "法律顾问与公职律师的聘任及工作记录。"),
        ],
    },
    NavSection {
        label: "学法普法",
        items: &[Mechanism {
            slug: "activities",
            label: "学法培训普法述法",
            live_at: Some("/activities"),
            plan: "会前学法、理论学习中心组学法、法治培训、考试、普法活动与资料、述法、依法治区委员会会议、宪法宣誓的登记与Excel导入,一次登记、处处统计(指标与年度报告)。",
        }],
    },
    NavSection {
        label: "督察考核",
        items: &[
            m("tasks", "任务清单", "年度工作要点与任务分解、进度填报。"),
            m("assessment", "法治建设考核", "考核指标体系、评分与排名,每项得分附依据。"),
            m("file-review", "案卷评查", "执法与复议案卷评查。"),
        ],
    },
    NavSection {
        label: "报告",
        items: &[
            Mechanism {
                slug: "annual-report",
                label: "年度报告",
                live_at: Some("/reports/annual"),
                plan: "法治政府建设年度报告五个法定部分与政府信息公开工作年度报告,数字由案件记录自动生成并可追溯,下级单位撰写、汇总、审核审议、体检后按期公开并导出公文格式。",
            },
            Mechanism {
                slug: "goi-report",
                label: "政府信息公开年报表",
                live_at: Some("/reports/goi"),
                plan: "年报表2至表4由案件记录自动生成并平衡校验。",
            },
            Mechanism {
                slug: "indicators",
                label: "指标统计",
                live_at: Some("/reports/indicators"),
                plan: "复议、应诉、调解、建议提案、信访和学法培训普法等全部指标,按单位和年度、季度、月份统计,口径可选并逐项说明,每个数字可查看其背后的记录。",
            },
            Mechanism {
                slug: "indicators-periodic",
                label: "月统计/季分析",
                live_at: Some("/reports/indicators/periodic"),
                plan: "各项指标本期数值及其环比、同比变化,近十二个月图表,导出 Excel 和 CSV。",
            },
            Mechanism {
                slug: "report-check",
                label: "年度报告体检",
                live_at: Some("/tools/report-check"),
                plan: "上传已发布的年度报告,检查发布主体、年度、发布时间、五个法定部分与所列数字。",
            },
        ],
    },
];

/// The page of a mechanism that is not built yet; a built one's address
/// (an old bookmark of `/m/{slug}`) leads to where it now lives.
pub async fn page(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, WebError> {
    ctx.staff()?;
    for s in SECTIONS {
        for mech in s.items {
            if mech.slug == slug {
                if let Some(live) = mech.live_at {
                    return Ok(Redirect::to(live).into_response());
                }
                let page = MechanismPage {
                    layout: Layout::new(mech.label, &ctx, mech.slug),
                    section: s.label,
                    mechanism: mech,
                };
                return Ok(html(&page));
            }
        }
    }
    Err(WebError::NotFound)
}
