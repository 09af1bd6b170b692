//! The demo district (演示区): a fictional 区 with its departments, 街道/乡镇
//! and 司法所, and one account for every role. Deterministic for a seed:
//! the same seed gives the same units, names and passwords.
//!
//! Later mechanisms add their demo records here (each in its own function,
//! called from [`App::load_demo`]).

use crate::auth::{hash_password, PasswordCost};
use crate::{App, AppError};
use fazhi_core::org::{RegionCode, Role, UnitKind, Username};
use fazhi_store::units::{self, NewUnit};
use fazhi_store::users::{self, NewUser};
use fazhi_store::{settings, AuditActor};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The demo district's region code (fictional prefecture 99 of 四川, county 01).
pub const DEMO_REGION: &str = "519901";
pub const DEMO_REGION_NAME: &str = "华阳市云川区(演示)";

/// Government departments of the demo district (unit code suffix, name).
const DEPARTMENTS: &[(&str, &str)] = &[
    ("ZFB", "区人民政府办公室"),
    ("FGW", "区发展和改革委员会"),
    ("JYJ", "区教育局"),
    ("KJJ", "区科学技术和经济信息化局"),
    ("GAJ", "区公安分局"),
    ("MZJ", "区民政局"),
    ("SFJ", "区司法局"),
    ("CZJ", "区财政局"),
    ("RSJ", "区人力资源和社会保障局"),
    ("ZRZYJ", "区规划和自然资源局"),
    ("STHJJ", "区生态环境分局"),
    ("ZJJ", "区住房和城乡建设局"),
    ("CGJ", "区城市管理局"),
    ("JTJ", "区交通运输局"),
    ("SWJ", "区水务局"),
    ("NYJ", "区农业农村局"),
    ("SWUJ", "区商务局"),
    ("WLJ", "区文化广电旅游体育局"),
    ("WJJ", "区卫生健康局"),
    ("TYJRJ", "区退役军人事务局"),
    ("YJJ", "区应急管理局"),
    ("SJJ", "区审计局"),
    ("SCJGJ", "区市场监督管理局"),
    ("TJJ", "区统计局"),
    ("YBJ", "区医疗保障局"),
    ("LYJ", "区林业和园林局"),
    ("ZHZFJ", "区综合行政执法局"),
    ("ZWFWJ", "区政务服务和大数据管理局"),
    ("XFJ", "区信访局"),
    ("GZW", "区国有资产监督管理局"),
];

/// Pool of street/township names; the seed picks and orders 15 of them.
const PLACES: &[&str] = &[
    "城南", "城北", "东山", "西河", "青石", "望江", "桂湖", "柳林", "金沙", "石桥", "新华", "清泉", "龙潭", "白鹭",
    "双流", "永安", "太平", "红星", "花溪", "锦江",
];

/// One demo account as printed for the person trying the demo.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub username: String,
    pub password: String,
    pub role: Role,
    pub unit_name: String,
}

/// What [`App::load_demo`] did.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    /// False when the demo district was already there (nothing was written).
    pub created: bool,
    pub seed: u64,
    pub units: i64,
    pub accounts: Vec<DemoAccount>,
}

struct Plan {
    units: Vec<(String, String, UnitKind, Option<usize>)>,
    accounts: Vec<(String, String, Role, usize, String)>,
}

/// Plans the demo district for a seed (pure; no database).
fn plan(seed: u64) -> Plan {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut units: Vec<(String, String, UnitKind, Option<usize>)> = Vec::new();
    let mut add = |code: String, name: String, kind: UnitKind, parent: Option<usize>| {
        units.push((code, name, kind, parent));
        units.len() - 1
    };
    let root = add("YC-GOV".into(), "云川区人民政府".into(), UnitKind::Government, None);
    let office = add("YC-YFZQB".into(), "区委全面依法治区委员会办公室".into(), UnitKind::Office, Some(root));
    let mut dept_index = std::collections::HashMap::new();
    for (code, name) in DEPARTMENTS {
        let i = add(format!("YC-{code}"), (*name).to_owned(), UnitKind::Department, Some(root));
        dept_index.insert(*code, i);
    }
    let sfj = dept_index.get("SFJ").copied().unwrap_or(root);
    let scj = dept_index.get("SCJGJ").copied().unwrap_or(root);
    let fuyi = add("YC-SFJ-FY".into(), "区司法局行政复议与应诉科".into(), UnitKind::Internal, Some(sfj));
    add("YC-SCJGJ-FZK".into(), "区市场监督管理局法制科".into(), UnitKind::Internal, Some(scj));
    let mut places: Vec<&str> = PLACES.to_vec();
    places.shuffle(&mut rng);
    let mut first_street = root;
    for (n, place) in places.iter().take(15).enumerate() {
        let (kind, name) = if n < 10 {
            (UnitKind::Subdistrict, format!("{place}街道办事处"))
        } else {
            (UnitKind::Township, format!("{place}镇人民政府"))
        };
        let code = format!("YC-JX{:02}", n + 1);
        let i = add(code.clone(), name, kind, Some(root));
        if n == 0 {
            first_street = i;
        }
        add(format!("{code}-SFS"), format!("{place}司法所"), UnitKind::JusticeOffice, Some(i));
    }
    let _ = office;
    let mut pw = |role: &str| format!("Demo-{role}-{:04}", rng.gen_range(0..10_000));
    let accounts = vec![
        ("admin".into(), "系统管理员".into(), Role::Admin, root, pw("admin")),
        ("fzb".into(), "法治办 王敏".into(), Role::Coordinator, sfj, pw("fzb")),
        ("fuyi".into(), "复议科 李强".into(), Role::ReconsiderationOffice, fuyi, pw("fuyi")),
        ("jiandu".into(), "督察 赵洁".into(), Role::Supervisor, office, pw("jiandu")),
        ("scj.cbr".into(), "市场监管局 陈晨".into(), Role::Handler, scj, pw("scj")),
        ("scj.fzr".into(), "市场监管局 周海".into(), Role::Leader, scj, pw("scj")),
        ("jd01.cbr".into(), "街道 孙悦".into(), Role::Handler, first_street, pw("jd01")),
        ("jd01.fzr".into(), "街道 吴刚".into(), Role::Leader, first_street, pw("jd01")),
    ];
    Plan { units, accounts }
}

impl App {
    /// Creates the demo district if absent (one transaction), and returns
    /// its accounts. With `cost` the argon2 cost of the demo passwords.
    pub async fn load_demo(&self, seed: u64, cost: PasswordCost) -> Result<DemoSummary, AppError> {
        let plan = plan(seed);
        let pool = self.store.pool();
        let existing = settings::get(pool, "demo_seed").await?;
        let account_list = |plan: &Plan, names: &[String]| {
            plan.accounts
                .iter()
                .map(|(u, _, role, unit, pw)| DemoAccount {
                    username: u.clone(),
                    password: pw.clone(),
                    role: *role,
                    unit_name: names.get(*unit).cloned().unwrap_or_default(),
                })
                .collect::<Vec<_>>()
        };
        let names: Vec<String> = plan.units.iter().map(|u| u.1.clone()).collect();
        if let Some(s) = existing {
            let seed = s.parse().unwrap_or(seed);
            let plan = self::plan(seed);
            let names: Vec<String> = plan.units.iter().map(|u| u.1.clone()).collect();
            return Ok(DemoSummary {
                created: false,
                seed,
                units: units::count_all(pool).await?,
                accounts: account_list(&plan, &names),
            });
        }
        let region = RegionCode::parse(DEMO_REGION)?;
        let mut tx = self.store.begin_write(AuditActor::system("demo"), self.now.now()).await?;
        units::ensure_region(&mut tx, &region, DEMO_REGION_NAME).await?;
        let mut ids: Vec<i64> = Vec::with_capacity(plan.units.len());
        for (n, (code, name, kind, parent)) in plan.units.iter().enumerate() {
            let parent_id = parent.and_then(|p| ids.get(p).copied());
            let unit = units::insert(
                &mut tx,
                &NewUnit {
                    code: code.clone(),
                    name: name.clone(),
                    kind: *kind,
                    region_code: region.clone(),
                    parent_id,
                    sort_order: i64::try_from(n).unwrap_or(0),
                },
            )
            .await?;
            ids.push(unit.id);
        }
        for (username, display, role, unit, password) in &plan.accounts {
            users::insert(
                &mut tx,
                &NewUser {
                    username: Username::parse(username)?,
                    display_name: display.clone(),
                    unit_id: ids.get(*unit).copied().ok_or_else(|| AppError::Internal("demo unit".into()))?,
                    role: *role,
                    password_hash: hash_password(password, cost)?,
                    must_change_password: false,
                },
            )
            .await?;
        }
        settings::set(&mut tx, "demo_seed", &seed.to_string()).await?;
        tx.commit().await?;
        self.forget_scopes();
        Ok(DemoSummary {
            created: true,
            seed,
            units: i64::try_from(ids.len()).unwrap_or(0),
            accounts: account_list(&plan, &names),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_is_deterministic_and_sized() {
        let a = plan(7);
        let b = plan(7);
        let c = plan(8);
        assert_eq!(a.units, b.units);
        assert_eq!(
            a.accounts.iter().map(|x| &x.4).collect::<Vec<_>>(),
            b.accounts.iter().map(|x| &x.4).collect::<Vec<_>>()
        );
        assert_ne!(
            a.accounts.iter().map(|x| &x.4).collect::<Vec<_>>(),
            c.accounts.iter().map(|x| &x.4).collect::<Vec<_>>()
        );
        let depts = a.units.iter().filter(|u| u.2 == UnitKind::Department).count();
        let streets = a.units.iter().filter(|u| matches!(u.2, UnitKind::Subdistrict | UnitKind::Township)).count();
        assert_eq!(depts, 30);
        assert_eq!(streets, 15);
        let roles: std::collections::HashSet<_> = a.accounts.iter().map(|x| x.2).collect();
        assert_eq!(roles.len(), Role::ALL.len(), "an account for every role");
    }
}
