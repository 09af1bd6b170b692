//! A corpus of realistic sentences from decision documents, replies and
//! enforcement notices (written for this test; every person, number and
//! address is invented). Each must lose its personal data and keep what
//! is not personal.

use fazhi_core::masking::{mask_for_publication, mask_text};

struct Case {
    text: &'static str,
    persons: &'static [&'static str],
    gone: &'static [&'static str],
    kept: &'static [&'static str],
}

const CORPUS: &[Case] = &[
    Case {
        text: "申请人王军华，男，1985年6月12日出生，住北京市海淀区学院路38号5号楼2单元1201室。",
        persons: &["王军华"],
        gone: &["军华", "1985年6月12日", "38号", "1201室"],
        kept: &["申请人王某", "北京市海淀区学院路"],
    },
    Case {
        text: "第三人赵六，委托代理人钱七，北京市某律师事务所律师，执业证号11101201910123456。",
        persons: &["王军华"],
        gone: &["赵六", "钱七", "11101201910123456"],
        kept: &["第三人赵某", "委托代理人钱某", "北京市某律师事务所律师"],
    },
    Case {
        text: "联系电话138-1234-5678，备用电话138 1234 5679，另留+8613812345670，短信号码１３８１２３４５６７１。",
        persons: &[],
        gone: &["1234-5678", "1234 5679", "13812345670", "１３８１２３４５６７１", "13812345671"],
        kept: &["联系电话138****5678"],
    },
    Case {
        text:
            "公民身份号码 110108 19850612 123X，旧证号码110108850612123，身份证号１１０１０８１９８５０６１２１２３Ｘ。",
        persons: &[],
        gone: &["19850612", "850612123", "１１０１０８", "0612123X"],
        kept: &["公民身份号码"],
    },
    Case {
        text: "请将补偿款汇入申请人名下银行卡6222 0212 3456 7890，或账号6217000010001234567。",
        persons: &[],
        gone: &["0212 3456", "0000100012"],
        kept: &["6222 **** **** 7890"],
    },
    Case {
        text: "执法人员当场查获车牌号为京A·12345的小型轿车一辆，另有沪B98765货车一辆。",
        persons: &[],
        gone: &["12345", "98765"],
        kept: &["执法人员当场查获"],
    },
    Case {
        text: "被处罚人系个体工商户，统一社会信用代码92110108MA01ABCD1X，经营者孙八，经营场所位于朝阳区光华路9号。",
        persons: &[],
        gone: &["MA01ABCD1X", "孙八", "光华路9号"],
        kept: &["经营者孙某", "个体工商户"],
    },
    Case {
        text: "某科技有限公司统一社会信用代码91110108MA01ABCD2Y，法定代表人周九。",
        persons: &[],
        gone: &["周九"],
        kept: &["91110108MA01ABCD2Y", "法定代表人周某"],
    },
    Case {
        text: "申请人称其已通过微信（微信号：wang_jun1985）与承办人员联系，邮箱wangjun@example.com。",
        persons: &[],
        gone: &["wang_jun1985", "wangjun@"],
        kept: &["w***@example.com"],
    },
    Case {
        text: "申请人提交的病历显示，其患有双相情感障碍，长期服药；另查明其残疾证号11010819850612123X42。",
        persons: &[],
        gone: &["双相情感障碍", "11010819850612123X42"],
        kept: &["[健康信息已隐去]"],
    },
    Case {
        text: "王军不服被申请人北京市某区市场监督管理局作出的行政处罚决定，于2024年3月5日向本机关申请行政复议。",
        persons: &["王军"],
        gone: &["王军"],
        kept: &["王某不服", "2024年3月5日", "市场监督管理局"],
    },
    Case {
        text: "本决定自2024年3月生效，依据《中华人民共和国行政复议法》第六十四条，复议决定书文号某府复决〔2024〕12号。",
        persons: &[],
        gone: &[],
        kept: &["2024年3月生效", "第六十四条", "〔2024〕12号"],
    },
    Case {
        text: "出生日期：1990-02-03，现住址：上海市浦东新区世纪大道100号A座1503室，固定电话(021)5888-1234。",
        persons: &[],
        gone: &["1990-02-03", "世纪大道100号", "1503", "5888-1234"],
        kept: &["上海市浦东新区***"],
    },
    Case {
        text: "申请人欧阳娜娜的监护人欧阳明于同日到场。",
        persons: &["欧阳娜娜"],
        gone: &["娜娜", "欧阳明"],
        kept: &["申请人欧阳某", "监护人欧阳某"],
    },
];

#[test]
fn every_sentence_of_the_corpus_is_masked() {
    let mut failures = Vec::new();
    for (i, c) in CORPUS.iter().enumerate() {
        let out = mask_text(c.text, c.persons);
        for g in c.gone {
            if out.contains(g) {
                failures.push(format!("#{i}: “{g}” left in {out}"));
            }
        }
        for k in c.kept {
            if !out.contains(k) {
                failures.push(format!("#{i}: “{k}” missing from {out}"));
            }
        }
        assert_eq!(mask_text(&out, c.persons), out, "#{i} idempotent");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unrecorded_names_are_offered_for_confirmation() {
    let m = mask_for_publication("经查，张伟于2024年5月提交材料，李娜到场说明情况。", &[]);
    assert_eq!(m.candidates, vec!["张伟".to_owned(), "李娜".to_owned()]);
    let confirmed = mask_for_publication("经查，张伟于2024年5月提交材料，李娜到场说明情况。", &["张伟", "李娜"]);
    assert!(confirmed.candidates.is_empty(), "{:?}", confirmed.candidates);
    assert_eq!(confirmed.text, "经查，张某于2024年5月提交材料，李某到场说明情况。");
}
