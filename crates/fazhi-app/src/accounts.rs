//! Units and user accounts.
//!
//! Changing them needs an [`AccountAdmin`] capability, which only
//! [`Actor::account_admin`] hands out after checking the permission. Reads
//! are scoped: an actor sees the units and users inside their scope only.

use crate::auth::{hash_password, new_secret, Actor, PasswordCost};
use crate::error::found;
use crate::{App, AppError};
use fazhi_core::org::{
    check_password_policy, check_unit_code, check_unit_name, FieldError, Permission, RegionCode, Role, UnitKind,
    Username,
};
use fazhi_store::units::{self, NewUnit, Unit, UnitChange};
use fazhi_store::users::{self, NewUser, UserChange, UserInUnit};

/// Proof that the holder may manage units and accounts.
#[derive(Debug)]
pub struct AccountAdmin {
    _private: (),
}

impl Actor {
    /// The capability to manage accounts, if this actor's role has it.
    pub fn account_admin(&self) -> Result<AccountAdmin, AppError> {
        self.require(Permission::ManageAccounts)?;
        Ok(AccountAdmin { _private: () })
    }
}

/// A unit as typed into a form or an API body: raw strings, validated by
/// [`UnitInput::validate`].
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct UnitInput {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub region_code: String,
    #[serde(default)]
    pub parent_id: Option<i64>,
    #[serde(default)]
    pub sort_order: Option<i64>,
}

impl UnitInput {
    pub fn validate(&self) -> Result<NewUnit, AppError> {
        let mut errors = Vec::new();
        let code = check_unit_code(&self.code).map_err(|e| errors.push(e)).ok();
        let name = check_unit_name(&self.name).map_err(|e| errors.push(e)).ok();
        let kind = UnitKind::from_code(self.kind.trim());
        if kind.is_none() {
            errors.push(FieldError::new("kind", format!("请选择单位类型(收到“{}”)", self.kind)));
        }
        let region = RegionCode::parse(&self.region_code).map_err(|e| errors.push(e)).ok();
        match (code, name, kind, region) {
            (Some(code), Some(name), Some(kind), Some(region_code)) if errors.is_empty() => Ok(NewUnit {
                code,
                name,
                kind,
                region_code,
                parent_id: self.parent_id,
                sort_order: self.sort_order.unwrap_or(0),
            }),
            _ => Err(AppError::Invalid(errors)),
        }
    }
}

/// An edit of a unit as typed into its form; `version` is the version the
/// editor saw.
#[derive(Debug, Clone, Default)]
pub struct UnitEdit {
    pub version: i64,
    pub name: String,
    pub kind: String,
    pub sort_order: i64,
    pub active: bool,
}

/// A new account as typed into a form or an API body.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct UserInput {
    pub username: String,
    pub display_name: String,
    pub unit_id: Option<i64>,
    pub role: String,
    /// Empty: generate a one-time password the user must change.
    #[serde(default)]
    pub password: String,
}

/// The outcome of creating an account or resetting a password: the account
/// and, where one was generated, the one-time password to hand over.
#[derive(Debug, Clone)]
pub struct IssuedAccount {
    pub user: UserInUnit,
    pub one_time_password: Option<String>,
}

/// A generated one-time password: readable, policy-compliant.
pub fn one_time_password() -> String {
    let s = new_secret();
    format!("Fz-{}-{}", &s[0..5], &s[5..10])
}

impl App {
    /// Failed logins of an account in the current window and until when it
    /// must wait (the login throttle, kept in memory by this process).
    pub fn login_state(&self, username: &str) -> (u32, Option<chrono::DateTime<chrono::Utc>>) {
        self.throttle.account_state(username, self.now.now())
    }

    pub async fn list_units(&self, actor: &Actor) -> Result<Vec<Unit>, AppError> {
        Ok(units::list(self.store.pool(), &actor.scope).await?)
    }

    /// How many units the actor's scope holds, and the name of its root
    /// unit (`None` for an administrator, whose scope is every unit).
    pub async fn scope_summary(&self, actor: &Actor) -> Result<(usize, Option<String>), AppError> {
        let (n, root) = units::scope_summary(self.store.pool(), &actor.scope).await?;
        Ok((usize::try_from(n).unwrap_or(0), root))
    }

    pub async fn get_unit(&self, actor: &Actor, id: i64) -> Result<Unit, AppError> {
        Ok(units::get(self.store.pool(), &actor.scope, id).await?)
    }

    /// The breadcrumb of a unit: its ancestors inside the actor's scope, root first.
    pub async fn unit_breadcrumb(&self, actor: &Actor, unit: &Unit) -> Result<Vec<Unit>, AppError> {
        let chain = units::along_path(self.store.pool(), &unit.path).await?;
        Ok(chain.into_iter().filter(|u| u.id != unit.id && actor.scope.contains(&u.path)).collect())
    }

    /// Creates a unit under a parent inside the actor's scope.
    pub async fn create_unit(&self, actor: &Actor, _cap: &AccountAdmin, input: &UnitInput) -> Result<Unit, AppError> {
        let new = input.validate()?;
        match new.parent_id {
            Some(pid) if found(units::get(self.store.pool(), &actor.scope, pid).await)?.is_none() => {
                return Err(AppError::invalid(FieldError::new(
                    "parent_id",
                    format!("上级单位(编号{pid})不存在或不在您的权限范围内"),
                )));
            }
            Some(_) => {}
            None if actor.role != Role::Admin => return Err(AppError::Forbidden),
            None => {}
        }
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        units::ensure_region(&mut tx, &new.region_code, &format!("行政区划{}", new.region_code)).await?;
        let unit = units::insert(&mut tx, &new).await.map_err(|e| {
            if e.is_conflict_on("code") {
                AppError::invalid(FieldError::new("code", format!("单位编码“{}”已被使用", new.code)))
            } else {
                e.into()
            }
        })?;
        tx.commit().await?;
        self.forget_scopes();
        Ok(unit)
    }

    /// Changes a unit's editable fields; `edit.version` guards concurrent edits.
    pub async fn update_unit(
        &self,
        actor: &Actor,
        _cap: &AccountAdmin,
        id: i64,
        edit: &UnitEdit,
    ) -> Result<Unit, AppError> {
        units::get(self.store.pool(), &actor.scope, id).await?;
        let mut errors = Vec::new();
        let name = check_unit_name(&edit.name).map_err(|e| errors.push(e)).ok();
        let kind_v = UnitKind::from_code(edit.kind.trim());
        if kind_v.is_none() {
            errors.push(FieldError::new("kind", format!("请选择单位类型(收到“{}”)", edit.kind)));
        }
        let (Some(name), Some(kind)) = (name, kind_v) else { return Err(AppError::Invalid(errors)) };
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let change = UnitChange { name, kind, sort_order: edit.sort_order, active: edit.active };
        let unit = units::update(&mut tx, id, edit.version, &change).await?;
        tx.commit().await?;
        Ok(unit)
    }

    pub async fn list_users(&self, actor: &Actor) -> Result<Vec<UserInUnit>, AppError> {
        actor.require(Permission::ManageAccounts)?;
        Ok(users::list(self.store.pool(), &actor.scope).await?)
    }

    pub async fn get_user(&self, actor: &Actor, id: i64) -> Result<UserInUnit, AppError> {
        actor.require(Permission::ManageAccounts)?;
        Ok(users::get(self.store.pool(), &actor.scope, id).await?)
    }

    /// Validates the profile fields of an account form (name, role, a unit
    /// inside the actor's scope), collecting the errors.
    async fn profile_fields(
        &self,
        actor: &Actor,
        input: &UserInput,
        errors: &mut Vec<FieldError>,
    ) -> Result<(String, Option<Role>, Option<Unit>), AppError> {
        let display_name = input.display_name.trim().to_owned();
        if !(1..=40).contains(&display_name.chars().count()) {
            errors.push(FieldError::new(
                "display_name",
                format!("姓名应为1至40个字符,您输入的是“{}”", input.display_name),
            ));
        }
        let role = Role::from_code(input.role.trim());
        if role.is_none() {
            errors.push(FieldError::new("role", format!("请选择角色(收到“{}”)", input.role)));
        }
        let unit = match input.unit_id {
            Some(id) => found(units::get(self.store.pool(), &actor.scope, id).await)?,
            None => None,
        };
        if unit.is_none() {
            errors.push(FieldError::new("unit_id", "请选择权限范围内的所属单位"));
        }
        Ok((display_name, role, unit))
    }

    /// Creates an account in a unit inside the actor's scope.
    pub async fn create_user(
        &self,
        actor: &Actor,
        _cap: &AccountAdmin,
        input: &UserInput,
        cost: PasswordCost,
    ) -> Result<IssuedAccount, AppError> {
        let mut errors = Vec::new();
        let username = Username::parse(&input.username).map_err(|e| errors.push(e)).ok();
        let (display_name, role, unit) = self.profile_fields(actor, input, &mut errors).await?;
        let generated = input.password.is_empty();
        let password = if generated { one_time_password() } else { input.password.clone() };
        if !generated {
            if let Err(e) = check_password_policy(&password, &input.username) {
                errors.push(e);
            }
        }
        let (Some(username), Some(role), Some(unit)) = (username, role, unit) else {
            return Err(AppError::Invalid(errors));
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let new = NewUser {
            username: username.clone(),
            display_name,
            unit_id: unit.id,
            role,
            password_hash: hash_password(&password, cost)?,
            must_change_password: generated,
        };
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let user = users::insert(&mut tx, &new).await.map_err(|e| {
            if e.is_conflict_on("username") {
                AppError::invalid(FieldError::new("username", format!("用户名“{username}”已被使用")))
            } else {
                e.into()
            }
        })?;
        tx.commit().await?;
        Ok(IssuedAccount { user, one_time_password: generated.then_some(password) })
    }

    /// Enables or disables an account (disabling ends its sessions).
    pub async fn set_user_active(
        &self,
        actor: &Actor,
        _cap: &AccountAdmin,
        id: i64,
        active: bool,
    ) -> Result<UserInUnit, AppError> {
        users::get(self.store.pool(), &actor.scope, id).await?;
        if id == actor.user_id && !active {
            return Err(AppError::Conflict("不能停用自己的账号".into()));
        }
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let change = if active { UserChange::Active(true) } else { UserChange::Active(false) };
        let user = users::update(&mut tx, id, None, &change).await?;
        if active {
            users::update(&mut tx, id, None, &UserChange::Unlock).await?;
        }
        tx.commit().await?;
        if active {
            self.throttle.clear_account(&user.user.username);
        }
        Ok(user)
    }

    /// Changes an account's name, unit and role. The new unit must be in scope.
    pub async fn update_user_profile(
        &self,
        actor: &Actor,
        _cap: &AccountAdmin,
        id: i64,
        version: i64,
        input: &UserInput,
    ) -> Result<UserInUnit, AppError> {
        users::get(self.store.pool(), &actor.scope, id).await?;
        let mut errors = Vec::new();
        let (display_name, role, unit) = self.profile_fields(actor, input, &mut errors).await?;
        let (Some(role), Some(unit), true) = (role, unit, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        if id == actor.user_id && role != actor.role {
            return Err(AppError::Conflict("不能修改自己的角色".into()));
        }
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let change = UserChange::Profile { display_name, unit_id: unit.id, role };
        let user = users::update(&mut tx, id, Some(version), &change).await?;
        tx.commit().await?;
        Ok(user)
    }

    /// Sets a one-time password the user must change at next login, clears
    /// any lockout, and ends the account's sessions and API tokens.
    pub async fn reset_password(
        &self,
        actor: &Actor,
        _cap: &AccountAdmin,
        id: i64,
        cost: PasswordCost,
    ) -> Result<IssuedAccount, AppError> {
        users::get(self.store.pool(), &actor.scope, id).await?;
        let password = one_time_password();
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let user = users::update(
            &mut tx,
            id,
            None,
            &UserChange::Password { hash: hash_password(&password, cost)?, must_change: true },
        )
        .await?;
        tx.commit().await?;
        self.throttle.clear_account(&user.user.username);
        Ok(IssuedAccount { user, one_time_password: Some(password) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_time_passwords_meet_the_policy() {
        for _ in 0..20 {
            assert_eq!(check_password_policy(&one_time_password(), "zhang.san"), Ok(()));
        }
    }

    #[test]
    fn unit_input_collects_every_error() {
        let input = UnitInput {
            code: "a b".into(),
            name: "x".into(),
            kind: "bogus".into(),
            region_code: "99".into(),
            ..Default::default()
        };
        match input.validate() {
            Err(AppError::Invalid(errs)) => {
                let fields: Vec<_> = errs.iter().map(|e| e.field).collect();
                assert_eq!(fields, ["code", "name", "kind", "region_code"]);
            }
            other => panic!("expected invalid, got {other:?}"),
        }
    }
}
