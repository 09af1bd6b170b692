//! Organisation: regions (行政区划代码), units, roles, and how far a role reaches.
//!
//! Invariant: what a user may see and change is the subtree of one unit, their
//! *scope root* ([`scope_root`]). Storage enforces it in queries with the unit's
//! materialised path ([`UnitPath`]).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A validation failure at the edge, with a Chinese message for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FieldError {
    /// The form field or JSON property at fault.
    pub field: &'static str,
    /// What the user should know, in Chinese.
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self { field, message: message.into() }
    }
}

/// Province-level prefixes of GB/T 2260 (the first two digits).
const PROVINCE_PREFIXES: &[u8] = &[
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
    64, 65, 71, 81, 82,
];

/// A 6-digit administrative division code (行政区划代码, GB/T 2260), e.g. `110108`.
///
/// Validated: six ASCII digits, a province prefix that exists, and a
/// prefecture part (digits 3-4) and county part (digits 5-6) that are either
/// both `00` (province), county `00` (prefecture) or a county code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegionCode(String);

/// The administrative level a [`RegionCode`] denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegionLevel {
    Province,
    Prefecture,
    County,
}

impl RegionCode {
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let code = input.trim();
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldError::new(
                "region_code",
                format!("行政区划代码应为6位数字(GB/T 2260),您输入的是“{input}”"),
            ));
        }
        let province: u8 = code[0..2].parse().unwrap_or(0);
        if !PROVINCE_PREFIXES.contains(&province) {
            return Err(FieldError::new("region_code", format!("行政区划代码“{input}”的前两位不是有效的省级代码")));
        }
        if &code[2..4] == "00" && &code[4..6] != "00" {
            return Err(FieldError::new(
                "region_code",
                format!("行政区划代码“{input}”的地级部分为00时,县级部分也应为00"),
            ));
        }
        Ok(Self(code.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn level(&self) -> RegionLevel {
        if &self.0[2..6] == "0000" {
            RegionLevel::Province
        } else if &self.0[4..6] == "00" {
            RegionLevel::Prefecture
        } else {
            RegionLevel::County
        }
    }
}

impl TryFrom<String> for RegionCode {
    type Error = FieldError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<RegionCode> for String {
    fn from(value: RegionCode) -> Self {
        value.0
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code stored in the database and used in the API.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The Chinese label shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses a stored code.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

coded_enum! {
    /// What kind of body a unit is.
    UnitKind {
        Government = "government", "人民政府";
        Office = "office", "议事协调机构办公室";
        Department = "department", "政府工作部门";
        Agency = "agency", "派出机构/直属机构";
        Subdistrict = "subdistrict", "街道办事处";
        Township = "township", "乡镇人民政府";
        JusticeOffice = "justice_office", "司法所";
        Internal = "internal", "内设机构";
    }
}

coded_enum! {
    /// A user's role. Permissions derive from it (see [`Permission`]).
    Role {
        Admin = "admin", "系统管理员";
        Coordinator = "coordinator", "法治建设协调人员(依法治区办/司法局)";
        Handler = "handler", "承办人员";
        Leader = "leader", "单位负责人";
        ReconsiderationOffice = "reconsideration_office", "行政复议机构";
        Supervisor = "supervisor", "监督人员(只读)";
    }
}

/// Things a role may do. Checked once in the application layer, which then
/// hands out capability values; see `fazhi-app`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Create and change units and user accounts.
    ManageAccounts,
    /// Browse the audit trail.
    ReadAudit,
    /// Change business records in the scope.
    WriteRecords,
    /// Read business records in the scope.
    ReadRecords,
    /// Import a new year's official holiday notice into the calendar.
    ManageCalendar,
}

impl Role {
    pub fn can(self, p: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Admin => matches!(p, ManageAccounts | ReadAudit | ReadRecords | ManageCalendar),
            Role::Coordinator => matches!(p, ReadAudit | WriteRecords | ReadRecords | ManageCalendar),
            Role::Handler | Role::Leader | Role::ReconsiderationOffice => {
                matches!(p, WriteRecords | ReadRecords)
            }
            Role::Supervisor => matches!(p, ReadRecords),
        }
    }

    /// Roles with a government-wide remit: their scope is the government that
    /// their unit belongs to, not only their own unit.
    pub fn has_government_wide_scope(self) -> bool {
        matches!(self, Role::Admin | Role::Coordinator | Role::ReconsiderationOffice | Role::Supervisor)
    }
}

/// A unit's materialised path: the ids from the root to the unit, e.g.
/// `/1/7/31/`. A unit is in the subtree of `p` iff its path starts with `p`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UnitPath(String);

impl UnitPath {
    pub fn root(id: i64) -> Self {
        Self(format!("/{id}/"))
    }

    /// The scope of the whole installation (every unit's path starts with `/`).
    pub fn everything() -> Self {
        Self("/".to_owned())
    }

    pub fn child(&self, id: i64) -> Self {
        Self(format!("{}{id}/", self.0))
    }

    /// Wraps a stored path; returns `None` if it is not of the `/1/2/` form.
    pub fn from_stored(s: &str) -> Option<Self> {
        let ok = s.len() >= 3
            && s.starts_with('/')
            && s.ends_with('/')
            && s[1..s.len() - 1].split('/').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        ok.then(|| Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The unit ids along the path, root first.
    pub fn ids(&self) -> Vec<i64> {
        self.0.split('/').filter_map(|p| p.parse().ok()).collect()
    }

    pub fn contains(&self, other: &UnitPath) -> bool {
        other.0.starts_with(&self.0)
    }

    pub fn depth(&self) -> usize {
        self.ids().len()
    }
}

/// The unit whose subtree a user of `role` working in the unit at the end of
/// `path` may reach. `kinds` gives the kind of each unit along the path (root
/// first). Government-wide roles reach the nearest government above (or at)
/// their unit; everyone else reaches their own unit's subtree.
pub fn scope_root(role: Role, path: &UnitPath, kinds: &[UnitKind]) -> UnitPath {
    let ids = path.ids();
    if role.has_government_wide_scope() {
        if let Some(pos) = kinds.iter().rposition(|k| *k == UnitKind::Government) {
            if pos < ids.len() {
                return UnitPath(ids[..=pos].iter().fold(String::from("/"), |acc, id| format!("{acc}{id}/")));
            }
        }
    }
    path.clone()
}

/// A login name: 3-32 characters of ASCII letters, digits, `.`, `_`, `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Username(String);

impl Username {
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s = input.trim();
        let ok_chars = s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        if !(3..=32).contains(&s.chars().count()) || !ok_chars {
            return Err(FieldError::new(
                "username",
                format!("用户名应为3至32位英文字母、数字或“._-”,您输入的是“{input}”"),
            ));
        }
        Ok(Self(s.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Minimum length of a password.
pub const PASSWORD_MIN_CHARS: usize = 12;

/// Passwords too common to accept (one a line; `#` starts a comment).
const COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

/// Whether `password` is on the list of common passwords (case-insensitive).
pub fn is_common_password(password: &str) -> bool {
    let p = password.trim().to_lowercase();
    COMMON_PASSWORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .any(|l| l.to_lowercase() == p)
}

/// Checks a new password against the policy: at least 12 characters, with at
/// least two of letters, digits and other characters, not containing the
/// user name, not on the list of common passwords.
pub fn check_password_policy(password: &str, username: &str) -> Result<(), FieldError> {
    let classes = [
        password.chars().any(|c| c.is_alphabetic()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_alphanumeric()),
    ];
    if password.chars().count() < PASSWORD_MIN_CHARS || classes.iter().filter(|b| **b).count() < 2 {
        return Err(FieldError::new(
            "password",
            format!("密码至少{PASSWORD_MIN_CHARS}位,且须包含字母、数字、符号中的至少两类"),
        ));
    }
    let name = username.trim().to_lowercase();
    if name.chars().count() >= 3 && password.to_lowercase().contains(&name) {
        return Err(FieldError::new("password", format!("密码不能包含用户名“{}”", username.trim())));
    }
    if is_common_password(password) {
        return Err(FieldError::new("password", "该密码过于常见,容易被猜中,请换一个"));
    }
    Ok(())
}

/// A unit's display name: 2-60 characters, no control characters.
pub fn check_unit_name(input: &str) -> Result<String, FieldError> {
    let s = input.trim();
    if !(2..=60).contains(&s.chars().count()) || s.chars().any(char::is_control) {
        return Err(FieldError::new("name", format!("单位名称应为2至60个字符,您输入的是“{input}”")));
    }
    Ok(s.to_owned())
}

/// A unit code (单位编码) unique within an installation: 2-32 ASCII letters,
/// digits or `-`, e.g. a 统一社会信用代码 or a local code.
pub fn check_unit_code(input: &str) -> Result<String, FieldError> {
    let s = input.trim();
    if !(2..=32).contains(&s.len()) || !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(FieldError::new("code", format!("单位编码应为2至32位英文字母、数字或“-”,您输入的是“{input}”")));
    }
    Ok(s.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_codes_are_validated() {
        let cases = [
            ("110108", Ok(RegionLevel::County)),
            ("110100", Ok(RegionLevel::Prefecture)),
            ("110000", Ok(RegionLevel::Province)),
            ("510104", Ok(RegionLevel::County)),
            (" 110119 ", Ok(RegionLevel::County)),
            ("990108", Err("前两位")),
            ("11010", Err("6位数字")),
            ("11010a", Err("6位数字")),
            ("110001", Err("地级部分")),
            ("", Err("6位数字")),
        ];
        for (input, expected) in cases {
            let got = RegionCode::parse(input).map(|c| c.level()).map_err(|e| e.message);
            match (got, expected) {
                (Ok(level), Ok(want)) => assert_eq!(level, want, "{input}"),
                (Err(msg), Err(part)) => {
                    assert!(msg.contains(part), "{input}: {msg}");
                    assert!(msg.contains(input), "error keeps the input: {msg}");
                }
                (got, want) => panic!("{input}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn unit_paths_nest() {
        let root = UnitPath::root(1);
        let dept = root.child(7);
        let sub = dept.child(31);
        assert_eq!(sub.as_str(), "/1/7/31/");
        assert!(root.contains(&sub));
        assert!(dept.contains(&sub));
        assert!(!sub.contains(&dept));
        // /1/7/ must not contain /1/71/
        assert!(!dept.contains(&root.child(71)));
        assert_eq!(sub.ids(), vec![1, 7, 31]);
        assert_eq!(UnitPath::from_stored("/1/7/"), Some(dept));
        assert_eq!(UnitPath::from_stored("/1//"), None);
        assert_eq!(UnitPath::from_stored("1/"), None);
    }

    #[test]
    fn scope_of_each_role() {
        use UnitKind::*;
        let path = UnitPath::from_stored("/1/4/9/").unwrap_or_else(|| UnitPath::root(0));
        let kinds = [Government, Department, Internal];
        assert_eq!(scope_root(Role::Handler, &path, &kinds).as_str(), "/1/4/9/");
        assert_eq!(scope_root(Role::Leader, &path, &kinds).as_str(), "/1/4/9/");
        assert_eq!(scope_root(Role::Coordinator, &path, &kinds).as_str(), "/1/");
        assert_eq!(scope_root(Role::Supervisor, &path, &kinds).as_str(), "/1/");
        // A township government is the nearest government for its 司法所.
        let path = UnitPath::from_stored("/1/20/21/").unwrap_or_else(|| UnitPath::root(0));
        let kinds = [Government, Government, JusticeOffice];
        assert_eq!(scope_root(Role::Coordinator, &path, &kinds).as_str(), "/1/20/");
    }

    #[test]
    fn role_permissions() {
        assert!(Role::Admin.can(Permission::ManageAccounts));
        assert!(!Role::Coordinator.can(Permission::ManageAccounts));
        assert!(Role::Coordinator.can(Permission::ReadAudit));
        assert!(!Role::Handler.can(Permission::ReadAudit));
        assert!(!Role::Supervisor.can(Permission::WriteRecords));
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(*r));
            assert!(r.can(Permission::ReadRecords));
        }
    }

    #[test]
    fn usernames_and_passwords() {
        assert_eq!(Username::parse(" Zhang.San ").map(|u| u.0), Ok("zhang.san".into()));
        assert!(Username::parse("张三").is_err());
        assert!(Username::parse("ab").is_err());
        assert!(check_password_policy("short1!", "zhang").is_err());
        assert!(check_password_policy("letters-and1", "zhang").is_ok(), "12 characters");
        assert!(check_password_policy("letters-an1", "zhang").is_err(), "11 characters");
        assert!(check_password_policy("onlyletterslong", "zhang").is_err());
        assert!(check_password_policy("letters-and-123", "zhang").is_ok());
        assert!(check_password_policy("my-Zhang.San-2026", "zhang.san").is_err(), "contains the user name");
        assert!(check_password_policy("P@ssw0rd1234", "zhang").is_err(), "common");
        assert!(check_password_policy("1qaz2wsx3edc", "zhang").is_err(), "common");
        assert!(check_password_policy("woaini1314520", "zhang").is_err(), "common");
        assert!(check_unit_code("ab cd").is_err());
        assert_eq!(check_unit_code("sfj-01"), Ok("SFJ-01".into()));
        assert!(check_unit_name("局").is_err());
    }
}
