//! The anonymous portal's disclosure request (政府信息公开条例 Art. 29): the
//! applicant's name, proof of identity and contact details, the description
//! of the information sought and how it is to be provided, every field with
//! a length limit and its format checked, addressed only to a unit open to
//! the public. Valid requests go on to [`App::submit_disclosure_online`].

use crate::cases::DisclosureInput;
use crate::error::found;
use crate::{App, AppError};
use fazhi_core::org::{FieldError, UnitKind, UnitPath};
use fazhi_core::procedure::ApplicantType;
use fazhi_store::cases::CaseRow;
use fazhi_store::units;
use serde::{Deserialize, Serialize};

/// How the applicant wants the information (Art. 29 (三)).
pub const DELIVERY: [&str; 4] = ["电子邮件", "邮寄纸质材料", "当面领取", "在线查看"];

/// A request as typed on the portal.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PortalRequest {
    #[serde(deserialize_with = "crate::cases::typed_id")]
    pub unit_id: Option<i64>,
    /// Column of table 3: 0 自然人 … 5 其他.
    pub applicant_type: String,
    /// 姓名 (a person) or 名称 (an organisation).
    pub name: String,
    /// 公民身份号码 (a person) or 统一社会信用代码 (an organisation).
    pub id_number: String,
    /// 法定代表人或负责人 (an organisation).
    pub legal_rep: String,
    pub phone: String,
    pub address: String,
    pub postcode: String,
    pub email: String,
    pub subject: String,
    pub delivery: String,
}

/// Checks a length in characters, saying "empty" and "too long" apart.
pub(crate) fn length(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    label: &str,
    value: &str,
    min: usize,
    max: usize,
) -> String {
    let v = value.trim();
    let n = v.chars().count();
    if n == 0 && min > 0 {
        errors.push(FieldError::new(field, format!("请填写{label}")));
    } else if n > max {
        let shown: String = v.chars().take(20).collect();
        errors.push(FieldError::new(field, format!("{label}过长:最多{max}个字,您输入了{n}个字(“{shown}…”)")));
    } else if n < min {
        errors.push(FieldError::new(field, format!("{label}至少{min}个字,您输入的是“{v}”")));
    }
    v.to_owned()
}

/// A 公民身份号码 with its check digit (GB 11643-1999).
pub fn valid_resident_id(s: &str) -> bool {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C: &[u8; 11] = b"10X98765432";
    let b = s.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..17].iter().zip(W).map(|(d, w)| u32::from(d - b'0') * w).sum();
    C[(sum % 11) as usize] == b[17].to_ascii_uppercase()
}

/// A 统一社会信用代码 with its check character (GB 32100-2015).
pub fn valid_credit_code(s: &str) -> bool {
    const CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    const W: [usize; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    let s = s.to_ascii_uppercase();
    let vals: Option<Vec<usize>> = s.chars().map(|c| CHARS.find(c)).collect();
    let Some(vals) = vals else { return false };
    if vals.len() != 18 {
        return false;
    }
    let sum: usize = vals[..17].iter().zip(W).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    vals[17] == check
}

pub(crate) fn valid_phone(s: &str) -> bool {
    let digits: String = s.chars().filter(|c| *c != '-' && *c != ' ').collect();
    let mobile = digits.len() == 11 && digits.starts_with('1') && digits.chars().all(|c| c.is_ascii_digit());
    let landline =
        (10..=12).contains(&digits.len()) && digits.starts_with('0') && digits.chars().all(|c| c.is_ascii_digit());
    mobile || landline
}

fn valid_email(s: &str) -> bool {
    let Some((user, domain)) = s.split_once('@') else { return false };
    !user.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || "@._%+-".contains(c))
}

impl PortalRequest {
    /// Validates every field; returns the request as the case will store it.
    pub fn validate(&self) -> Result<DisclosureInput, AppError> {
        let mut e = Vec::new();
        let applicant =
            self.applicant_type.trim().parse::<usize>().ok().and_then(|i| ApplicantType::ALL.get(i).copied());
        if applicant.is_none() {
            e.push(FieldError::new("applicant_type", "请选择申请人类型"));
        }
        let person = applicant.is_none_or(|a| a == ApplicantType::NaturalPerson);
        let name = length(
            &mut e,
            "name",
            if person { "申请人姓名" } else { "申请人名称" },
            &self.name,
            1,
            if person { 50 } else { 100 },
        );
        let id = self.id_number.trim().to_ascii_uppercase();
        if id.is_empty() {
            e.push(FieldError::new(
                "id_number",
                if person {
                    "请填写公民身份号码(身份证明)"
                } else {
                    "请填写统一社会信用代码(身份证明)"
                },
            ));
        } else if person && !valid_resident_id(&id) {
            e.push(FieldError::new(
                "id_number",
                format!("公民身份号码应为18位且校验位正确,您输入的是“{}”", self.id_number.trim()),
            ));
        } else if !person && !valid_credit_code(&id) {
            e.push(FieldError::new(
                "id_number",
                format!("统一社会信用代码应为18位且校验位正确,您输入的是“{}”", self.id_number.trim()),
            ));
        }
        let legal_rep = if person {
            String::new()
        } else {
            length(&mut e, "legal_rep", "法定代表人或负责人", &self.legal_rep, 1, 50)
        };
        let phone = length(&mut e, "phone", "联系电话", &self.phone, 1, 20);
        if !phone.is_empty() && phone.chars().count() <= 20 && !valid_phone(&phone) {
            e.push(FieldError::new("phone", format!("联系电话应为手机号码或带区号的固定电话,您输入的是“{phone}”")));
        }
        let address = length(&mut e, "address", "通信地址", &self.address, 5, 200);
        let postcode = self.postcode.trim().to_owned();
        let postcode_ok = postcode.len() == 6 && postcode.chars().all(|c| c.is_ascii_digit());
        if !postcode.is_empty() && !postcode_ok {
            e.push(FieldError::new("postcode", format!("邮政编码应为6位数字,您输入的是“{}”", self.postcode.trim())));
        }
        let email = length(&mut e, "email", "电子邮箱", &self.email, 0, 100);
        if !email.is_empty() && email.chars().count() <= 100 && !valid_email(&email) {
            e.push(FieldError::new("email", format!("电子邮箱格式不正确,您输入的是“{email}”")));
        }
        let delivery = self.delivery.trim().to_owned();
        if !DELIVERY.contains(&delivery.as_str()) {
            e.push(FieldError::new("delivery", "请选择获取信息的方式"));
        } else if delivery == DELIVERY[0] && email.is_empty() {
            e.push(FieldError::new("email", "选择以电子邮件获取时,请填写电子邮箱"));
        }
        let subject = length(&mut e, "subject", "所需政府信息的描述", &self.subject, 2, 500);
        if !e.is_empty() {
            return Err(AppError::Invalid(e));
        }
        let mut contact = format!("电话:{phone};地址:{address}");
        if !postcode.is_empty() {
            contact.push_str(&format!(";邮编:{postcode}"));
        }
        if !email.is_empty() {
            contact.push_str(&format!(";邮箱:{email}"));
        }
        contact.push_str(&format!(";{}:{id}", if person { "公民身份号码" } else { "统一社会信用代码" }));
        if !legal_rep.is_empty() {
            contact.push_str(&format!(";法定代表人或负责人:{legal_rep}"));
        }
        contact.push_str(&format!(";获取方式:{delivery}"));
        Ok(DisclosureInput {
            unit_id: self.unit_id,
            received_on: String::new(),
            applicant_type: self.applicant_type.trim().to_owned(),
            name,
            contact,
            subject,
        })
    }
}

impl App {
    /// Units a portal request can be addressed to: active, open to the
    /// public (not internal offices).
    /// The name of the installation's region (the portal's heading).
    pub async fn portal_region_name(&self) -> Result<Option<String>, AppError> {
        Ok(units::list_regions(self.store.pool()).await?.into_iter().next().map(|r| r.name))
    }

    /// The units the public may address (active, not internal offices). Units
    /// are the public directory, not business data: read installation-wide.
    pub async fn portal_units(&self) -> Result<Vec<units::Unit>, AppError> {
        let all = units::list(self.store.pool(), &UnitPath::everything()).await?;
        Ok(all.into_iter().filter(is_public).collect())
    }

    /// One unit the public may address, if `id` names one.
    pub async fn public_unit(&self, id: i64) -> Result<Option<units::Unit>, AppError> {
        Ok(found(units::get(self.store.pool(), &UnitPath::everything(), id).await)?.filter(is_public))
    }

    /// A disclosure request filed on the portal: validated, addressed to a
    /// public unit, then registered as received today.
    pub async fn submit_portal_request(&self, req: &PortalRequest) -> Result<CaseRow, AppError> {
        let validated = req.validate();
        let public = match req.unit_id {
            Some(id) => self.public_unit(id).await?.is_some(),
            None => false,
        };
        match (validated, public) {
            (Ok(input), true) => self.submit_disclosure_online(&input).await,
            (result, public) => {
                let mut errors = match result {
                    Err(AppError::Invalid(errs)) => errs,
                    Err(other) => return Err(other),
                    Ok(_) => Vec::new(),
                };
                if !public {
                    errors.insert(0, FieldError::new("unit_id", "请选择受理申请的机关"));
                }
                Err(AppError::Invalid(errors))
            }
        }
    }
}

/// Whether the public may address a unit.
fn is_public(u: &units::Unit) -> bool {
    u.active && u.kind != UnitKind::Internal
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> PortalRequest {
        PortalRequest {
            unit_id: Some(1),
            applicant_type: "0".into(),
            name: "王小明".into(),
            id_number: "11010519491231002X".into(),
            phone: "139-1234-5678".into(),
            address: "北京市海淀区某街道某小区".into(),
            email: "wxm@example.com".into(),
            subject: "某小区规划许可".into(),
            delivery: "电子邮件".into(),
            ..Default::default()
        }
    }

    fn fields(r: &PortalRequest) -> Vec<&'static str> {
        match r.validate() {
            Err(AppError::Invalid(errs)) => errs.iter().map(|e| e.field).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn identity_numbers_are_checked() {
        assert!(valid_resident_id("11010519491231002X"));
        assert!(!valid_resident_id("110105194912310021"));
        assert!(valid_credit_code("91350100M000100Y43"));
        assert!(!valid_credit_code("91350100M000100Y44"));
    }

    #[test]
    fn a_good_request_passes_and_composes_the_contact() {
        let input = good().validate().unwrap_or_else(|e| panic!("{e:?}"));
        assert!(input.contact.contains("电话:139-1234-5678") && input.contact.contains("获取方式:电子邮件"));
    }

    #[test]
    fn too_long_says_too_long() {
        let r = PortalRequest { name: "王".repeat(51), ..good() };
        match r.validate() {
            Err(AppError::Invalid(errs)) => {
                assert!(errs[0].message.contains("过长") && errs[0].message.contains("51"), "{errs:?}")
            }
            other => panic!("{other:?}"),
        }
        let r = PortalRequest { phone: "1".repeat(1_900_000), ..good() };
        assert_eq!(fields(&r), ["phone"]);
    }

    #[test]
    fn art_29_details_are_required_and_checked() {
        let r = PortalRequest { id_number: String::new(), phone: "12345".into(), address: String::new(), ..good() };
        assert_eq!(fields(&r), ["id_number", "phone", "address"]);
        let r = PortalRequest { applicant_type: "1".into(), name: "某科技有限公司".into(), ..good() };
        assert_eq!(fields(&r), ["id_number", "legal_rep"]);
        let r = PortalRequest { email: String::new(), ..good() };
        assert_eq!(fields(&r), ["email"]);
    }
}
