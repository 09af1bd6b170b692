//! Authentication: passwords, login with lockout, sessions, CSRF tokens and
//! API tokens, and the authenticated [`Actor`] every use case takes.

use crate::{App, AppError};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use fazhi_core::audit::AuditAction;
use fazhi_core::org::{check_password_policy, scope_root, FieldError, Permission, Role, UnitPath};
use fazhi_store::users::{self, UserChange, UserInUnit};
use fazhi_store::{sessions, units, AuditActor, Scope};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::net::IpAddr;

use crate::throttle::ThrottlePolicy;

/// The longest validity of an API token, in days.
pub const MAX_TOKEN_DAYS: i64 = 366;

/// The authenticated user of a request: who they are and how far they reach.
/// Only [`App::session_actor`], [`App::token_actor`] and [`App::login`] make one.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit_id: i64,
    pub unit_name: String,
    pub unit_path: UnitPath,
    /// The subtree this actor may read and change, with the regions it
    /// spans (dereferences to its unit path).
    pub scope: Scope,
    pub must_change_password: bool,
}

impl Actor {
    pub fn can(&self, p: Permission) -> bool {
        self.role.can(p)
    }

    /// Refuses unless the role has the permission. An actor who still has
    /// to replace a one-time password is refused everything.
    pub fn require(&self, p: Permission) -> Result<(), AppError> {
        self.require_password_changed()?;
        if self.can(p) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Refuses an actor whose password is a one-time password set by an
    /// administrator: nothing but changing it is possible until then.
    pub fn require_password_changed(&self) -> Result<(), AppError> {
        if self.must_change_password {
            Err(AppError::PasswordChangeRequired)
        } else {
            Ok(())
        }
    }

    /// How this actor appears in the audit trail.
    pub fn audit_actor(&self) -> AuditActor {
        AuditActor { user_id: (self.user_id > 0).then_some(self.user_id), username: self.username.clone() }
    }

    /// The operator of the command line: a system administrator with no
    /// account (user id 0, recorded in the audit trail by name only).
    pub fn command_line(operator: &str) -> Self {
        Actor {
            user_id: 0,
            username: format!("cli:{operator}"),
            display_name: "命令行管理员".to_owned(),
            role: Role::Admin,
            unit_id: 0,
            unit_name: String::new(),
            unit_path: UnitPath::everything(),
            scope: Scope::everything(),
            must_change_password: false,
        }
    }
}

/// Argon2 cost. The default is argon2's recommended parameters; tests and
/// the demo loader may lower it.
#[derive(Debug, Clone, Copy)]
pub struct PasswordCost {
    pub memory_kib: u32,
    pub iterations: u32,
}

impl Default for PasswordCost {
    fn default() -> Self {
        Self { memory_kib: argon2::Params::DEFAULT_M_COST, iterations: argon2::Params::DEFAULT_T_COST }
    }
}

fn argon(cost: PasswordCost) -> Result<Argon2<'static>, AppError> {
    let params = argon2::Params::new(cost.memory_kib, cost.iterations, 1, None)
        .map_err(|e| AppError::Internal(format!("argon2 params: {e}")))?;
    Ok(Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params))
}

/// Hashes a password with argon2id and a random salt (PHC string format).
pub fn hash_password(password: &str, cost: PasswordCost) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    argon(cost)?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("argon2: {e}")))
}

/// Checks a password against a stored PHC hash (its own parameters apply).
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok()).unwrap_or(false)
}

/// A fresh random secret (session cookie, CSRF token, API token): 32 bytes, hex.
pub fn new_secret() -> String {
    let mut b = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// The stored form of a secret.
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Why a login was refused. The message never tells whether a user name exists.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("用户名或密码错误")]
    BadCredentials,
    /// Too many failed attempts for this name or from this address; the same
    /// answer whether or not the name exists.
    #[error("登录失败次数过多,请于{until}后再试或联系管理员")]
    Locked { until: String },
    #[error("该账号已停用,请联系管理员")]
    Disabled,
    #[error(transparent)]
    App(#[from] AppError),
}

/// A successful login: the session secret for the cookie and the actor.
#[derive(Debug, Clone)]
pub struct LoggedIn {
    pub session_secret: String,
    pub csrf_token: String,
    pub actor: Actor,
}

/// A PHC hash of a random password, verified when the user name is unknown
/// so that unknown and known names take the same time.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0tY5m4dc0ZSv0H3uYbSZW1cY0Ym1tYFQz9p7b1c4nJE";

impl App {
    /// Builds the actor for a stored user (their scope from the unit tree).
    pub async fn actor_for(&self, u: &UserInUnit) -> Result<Actor, AppError> {
        let chain = units::along_path(self.store.pool(), &u.unit_path).await?;
        let kinds: Vec<_> = chain.iter().map(|n| n.kind).collect();
        let root = if u.user.role == Role::Admin {
            UnitPath::everything()
        } else {
            scope_root(u.user.role, &u.unit_path, &kinds)
        };
        // The regions of the subtree, read once from `units`: every query of
        // the tenant tables filters on them.
        let scope = self.scope_at(&root).await?;
        Ok(Actor {
            user_id: u.user.id,
            username: u.user.username.clone(),
            display_name: u.user.display_name.clone(),
            role: u.user.role,
            unit_id: u.user.unit_id,
            unit_name: u.unit_name.clone(),
            unit_path: u.unit_path.clone(),
            scope,
            must_change_password: u.user.must_change_password,
        })
    }

    /// Checks credentials, applies the login throttle (per account and
    /// client address, see [`crate::throttle`]) and opens a session. The
    /// answers never tell whether a user name exists.
    pub async fn login(&self, username: &str, password: &str, client: IpAddr) -> Result<LoggedIn, LoginError> {
        let pool = self.store.pool();
        let now = self.now.now();
        let name = username.trim().to_ascii_lowercase();
        let policy = ThrottlePolicy::new(self.auth.lockout_threshold, self.auth.lockout_duration);
        if let Some(until) = self.throttle.blocked(&name, client, now) {
            return Err(LoginError::Locked { until: china_time(until) });
        }
        let user = users::by_username(pool, &name).await.map_err(AppError::from)?;
        let verified = match &user {
            Some(u) => {
                let hash = users::password_hash(pool, u.user.id).await.map_err(AppError::from)?;
                verify_password(password, &hash)
            }
            None => {
                let _ = verify_password(password, DUMMY_HASH);
                false
            }
        };
        let user = match (user, verified) {
            (Some(u), true) => u,
            (user, _) => {
                let Some(until) = self.throttle.failure(&name, client, now, &policy) else {
                    return Err(LoginError::BadCredentials);
                };
                if let Some(u) = user {
                    let mut tx =
                        self.store.begin_write(AuditActor::system("login"), now).await.map_err(AppError::from)?;
                    let detail = serde_json::json!({"event": "throttled", "until": fazhi_store::ts(until)});
                    tx.audit(
                        &u.unit_region,
                        AuditAction::Security,
                        "user",
                        &u.user.id.to_string(),
                        Some(u.unit_path.as_str()),
                        None::<&()>,
                        Some(&detail),
                    )
                    .await
                    .map_err(AppError::from)?;
                    tx.commit().await.map_err(AppError::from)?;
                    tracing::warn!(user_id = u.user.id, "login throttled after repeated failures");
                }
                return Err(LoginError::Locked { until: china_time(until) });
            }
        };
        if !user.user.active {
            return Err(LoginError::Disabled);
        }
        self.throttle.success(&name, client);
        users::record_login_success(pool, user.user.id).await.map_err(AppError::from)?;
        let session_secret = new_secret();
        let csrf_token = new_secret();
        sessions::create(
            pool,
            &secret_hash(&session_secret),
            user.user.id,
            &csrf_token,
            now,
            now + self.auth.session_max,
        )
        .await
        .map_err(AppError::from)?;
        let actor = self.actor_for(&user).await?;
        tracing::info!(user_id = actor.user_id, role = actor.role.code(), "login");
        Ok(LoggedIn { session_secret, csrf_token, actor })
    }

    /// The actor and CSRF token behind a session cookie, if the session is
    /// live (not expired, not idle too long, user still active).
    pub async fn session_actor(&self, secret: &str) -> Result<Option<(Actor, String)>, AppError> {
        let pool = self.store.pool();
        let now = self.now.now();
        let key = secret_hash(secret);
        let Some(s) = sessions::get(pool, &key).await? else { return Ok(None) };
        if s.expires_at <= now || s.last_seen_at + self.auth.session_idle <= now {
            sessions::delete(pool, &key).await?;
            return Ok(None);
        }
        let user = users::by_id(pool, s.user_id).await?;
        if !user.user.active {
            sessions::delete(pool, &key).await?;
            return Ok(None);
        }
        // Refresh often enough that activity always keeps the session: at
        // most once a minute, and at least four times per idle period (a
        // once-a-minute refresh alone logs out an active user whenever the
        // idle timeout is a minute or two).
        let refresh = std::cmp::min(chrono::Duration::seconds(60), self.auth.session_idle / 4);
        if now - s.last_seen_at >= refresh {
            sessions::touch(pool, &key, now).await?;
        }
        Ok(Some((self.actor_for(&user).await?, s.csrf_token)))
    }

    pub async fn logout(&self, secret: &str) -> Result<(), AppError> {
        sessions::delete(self.store.pool(), &secret_hash(secret)).await?;
        Ok(())
    }

    /// The actor behind an API bearer token.
    pub async fn token_actor(&self, secret: &str) -> Result<Option<Actor>, AppError> {
        let pool = self.store.pool();
        let Some(user_id) = sessions::token_user(pool, &secret_hash(secret), self.now.now()).await? else {
            return Ok(None);
        };
        let user = users::by_id(pool, user_id).await?;
        if !user.user.active {
            return Ok(None);
        }
        Ok(Some(self.actor_for(&user).await?))
    }

    /// Issues an API token for the actor's own account, valid for
    /// `valid_days` (1 to 366); returns the secret once.
    pub async fn create_api_token(
        &self,
        actor: &Actor,
        name: &str,
        valid_days: i64,
    ) -> Result<(String, sessions::ApiToken), AppError> {
        actor.require_password_changed()?;
        let mut errors = Vec::new();
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 60 {
            errors.push(FieldError::new("name", format!("令牌名称应为1至60个字符,您输入的是“{name}”")));
        }
        if !(1..=MAX_TOKEN_DAYS).contains(&valid_days) {
            errors.push(FieldError::new("days", format!("有效期应为1至{MAX_TOKEN_DAYS}天,您输入的是“{valid_days}”")));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let secret = format!("fz_{}", new_secret());
        let now = self.now.now();
        let mut tx = self.store.begin_write(actor.audit_actor(), now).await?;
        let token = sessions::create_token(
            &mut tx,
            actor.user_id,
            name,
            &secret_hash(&secret),
            now + chrono::Duration::days(valid_days),
        )
        .await?;
        tx.commit().await?;
        Ok((secret, token))
    }

    /// The actor's own API tokens, newest first (never the secrets).
    pub async fn list_api_tokens(&self, actor: &Actor) -> Result<Vec<sessions::ApiToken>, AppError> {
        Ok(sessions::tokens_of(self.store.pool(), actor.user_id).await?)
    }

    /// The API tokens of an account an administrator manages (CLI, admin pages).
    pub async fn list_user_tokens(
        &self,
        actor: &Actor,
        _cap: &crate::accounts::AccountAdmin,
        user_id: i64,
    ) -> Result<Vec<sessions::ApiToken>, AppError> {
        users::get(self.store.pool(), &actor.scope, user_id).await?;
        Ok(sessions::tokens_of(self.store.pool(), user_id).await?)
    }

    /// Revokes one of the actor's own tokens, or, for an account
    /// administrator, a token of an account in their scope.
    pub async fn revoke_api_token(&self, actor: &Actor, token_id: i64) -> Result<sessions::ApiToken, AppError> {
        let pool = self.store.pool();
        let token = sessions::token_by_id(pool, token_id).await?;
        if token.user_id != actor.user_id {
            let _cap = actor.account_admin().map_err(|_| AppError::NotFound)?;
            users::get(pool, &actor.scope, token.user_id).await?;
        }
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let token = sessions::revoke_token(&mut tx, token_id).await?;
        tx.commit().await?;
        Ok(token)
    }

    /// Changes the actor's own password after checking the current one.
    pub async fn change_password(
        &self,
        actor: &Actor,
        current: &str,
        new: &str,
        confirm: &str,
        cost: PasswordCost,
    ) -> Result<(), AppError> {
        let mut errors = Vec::new();
        let hash = users::password_hash(self.store.pool(), actor.user_id).await?;
        if !verify_password(current, &hash) {
            errors.push(FieldError::new("current", "当前密码不正确"));
        }
        if let Err(e) = check_password_policy(new, &actor.username) {
            errors.push(e);
        }
        if new != confirm {
            errors.push(FieldError::new("confirm", "两次输入的新密码不一致"));
        }
        if new == current {
            errors.push(FieldError::new("password", "新密码不能与当前密码相同"));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        users::update(
            &mut tx,
            actor.user_id,
            None,
            &UserChange::Password { hash: hash_password(new, cost)?, must_change: false },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// A UTC instant as Beijing wall-clock time, for messages.
pub fn china_time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&fazhi_core::time::china_offset()).format("%Y-%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ() {
        let cost = PasswordCost { memory_kib: 1024, iterations: 1 };
        let a = hash_password("correct horse 1", cost).unwrap_or_default();
        let b = hash_password("correct horse 1", cost).unwrap_or_default();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "salted");
        assert!(verify_password("correct horse 1", &a));
        assert!(!verify_password("correct horse 2", &a));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn secrets_are_random_and_hashed() {
        let s = new_secret();
        assert_eq!(s.len(), 64);
        assert_ne!(s, new_secret());
        assert_eq!(secret_hash(&s).len(), 64);
        assert_ne!(secret_hash(&s), s);
    }
}
