//! Administration from the command line: `init`, `user …`, `audit verify`,
//! `calendar import|years`. The operator acts as a system administrator
//! ([`Actor::command_line`]); every change is in the audit trail.

use super::serve::{open_app, open_app_with};
use crate::config::Config;
use anyhow::Context as _;
use fazhi_app::accounts::{UnitInput, UserInput};
use fazhi_app::auth::{Actor, PasswordCost};
use fazhi_app::AppError;
use fazhi_store::audit::Verification;
use fazhi_store::users;
use std::io::Read as _;
use std::path::Path;

fn operator() -> Actor {
    Actor::command_line(&std::env::var("USER").unwrap_or_else(|_| "operator".to_owned()))
}

/// Prints an application error the way a person can act on it.
fn explain(e: AppError) -> anyhow::Error {
    match e {
        AppError::Invalid(errs) => {
            anyhow::anyhow!(errs.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join(";"))
        }
        other => anyhow::anyhow!(other.to_string()),
    }
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// 6-digit region code (GB/T 2260), e.g. 110108.
    #[arg(long)]
    pub region_code: String,
    /// Region name, e.g. 北京市海淀区.
    #[arg(long)]
    pub region_name: String,
    /// Name of the government unit, e.g. 海淀区人民政府.
    #[arg(long)]
    pub government: String,
    /// Unit code of the government unit.
    #[arg(long, default_value = "GOV")]
    pub code: String,
    /// Login name of the first administrator.
    #[arg(long, default_value = "admin")]
    pub admin: String,
}

pub async fn init(cfg: &Config, a: InitArgs) -> anyhow::Result<i32> {
    let app = open_app_with(cfg, true).await?;
    let op = operator();
    let cap = op.account_admin().map_err(explain)?;
    let unit = app
        .create_unit(
            &op,
            &cap,
            &UnitInput {
                code: a.code,
                name: a.government,
                kind: "government".into(),
                region_code: a.region_code.clone(),
                parent_id: None,
                sort_order: None,
            },
        )
        .await
        .map_err(explain)?;
    rename_region(&app, &op, &a.region_code, &a.region_name).await?;
    let issued = app
        .create_user(
            &op,
            &cap,
            &UserInput {
                username: a.admin,
                display_name: "系统管理员".into(),
                unit_id: Some(unit.id),
                role: "admin".into(),
                password: String::new(),
            },
            PasswordCost::default(),
        )
        .await
        .map_err(explain)?;
    println!("已创建单位“{}”(编号 {})和管理员 {}。", unit.name, unit.id, issued.user.user.username);
    if let Some(p) = issued.one_time_password {
        println!("一次性密码:{p}(首次登录后须修改)");
    }
    app.write_checkpoint(&cfg.audit_checkpoint_file).await.map_err(explain)?;
    println!(
        "审计密钥:{}(请另行备份,勿与数据库放在一起);检查点文件:{}",
        cfg.audit_key_file.display(),
        cfg.audit_checkpoint_file.display()
    );
    Ok(0)
}

/// `create_unit` names a new region after its code; `init` knows the real name.
async fn rename_region(app: &fazhi_app::App, op: &Actor, code: &str, name: &str) -> anyhow::Result<()> {
    let code = fazhi_core::org::RegionCode::parse(code).map_err(|e| anyhow::anyhow!(e.message))?;
    let mut tx = app.operator_store().begin_write(op.audit_actor(), app.now.now()).await?;
    fazhi_store::units::rename_region(&mut tx, &code, name).await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Debug, clap::Subcommand)]
pub enum UserCommand {
    /// Create an account; prints a one-time password unless --password-stdin is given.
    Create {
        #[arg(long)]
        username: String,
        /// Display name (姓名).
        #[arg(long)]
        name: String,
        /// Unit code (单位编码) of the user's unit.
        #[arg(long)]
        unit: String,
        /// admin, coordinator, handler, leader, reconsideration_office or supervisor.
        #[arg(long)]
        role: String,
        /// Read the password from standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Disable an account (ends its sessions).
    Disable { username: String },
    /// Enable an account and clear its lockout.
    Enable { username: String },
    /// Set a one-time password the user must change at next login.
    ResetPassword { username: String },
    /// List accounts.
    List,
    /// API tokens: create, list, revoke.
    #[command(subcommand)]
    Token(TokenCommand),
}

#[derive(Debug, clap::Subcommand)]
pub enum TokenCommand {
    /// Issue an API token for an account; prints the secret once.
    Create {
        username: String,
        /// What the token is for.
        #[arg(long)]
        name: String,
        /// Days until it expires (1 to 366).
        #[arg(long, default_value_t = 90)]
        days: i64,
    },
    /// List an account's tokens (never the secrets).
    List { username: String },
    /// Revoke a token by its number (编号).
    Revoke { id: i64 },
}

async fn user_id(app: &fazhi_app::App, username: &str) -> anyhow::Result<users::UserInUnit> {
    users::by_username(app.operator_store().pool(), &username.trim().to_ascii_lowercase())
        .await?
        .with_context(|| format!("用户“{username}”不存在"))
}

pub async fn user(cfg: &Config, cmd: UserCommand) -> anyhow::Result<i32> {
    let app = open_app(cfg).await?;
    let op = operator();
    let cap = op.account_admin().map_err(explain)?;
    match cmd {
        UserCommand::Create { username, name, unit, role, password_stdin } => {
            let unit = fazhi_store::units::by_code(app.operator_store().pool(), &unit.trim().to_ascii_uppercase())
                .await?
                .with_context(|| format!("单位编码“{unit}”不存在"))?;
            let mut password = String::new();
            if password_stdin {
                std::io::stdin().read_to_string(&mut password)?;
                password = password.trim_end_matches(['\r', '\n']).to_owned();
            }
            let issued = app
                .create_user(
                    &op,
                    &cap,
                    &UserInput { username, display_name: name, unit_id: Some(unit.id), role, password },
                    PasswordCost::default(),
                )
                .await
                .map_err(explain)?;
            println!(
                "已创建用户 {}({},{})。",
                issued.user.user.username,
                issued.user.user.role.label(),
                issued.user.unit_name
            );
            if let Some(p) = issued.one_time_password {
                println!("一次性密码:{p}(首次登录后须修改)");
            }
        }
        UserCommand::Disable { username } => {
            let u = user_id(&app, &username).await?;
            app.set_user_active(&op, &cap, u.user.id, false).await.map_err(explain)?;
            println!("已停用用户 {username}。");
        }
        UserCommand::Enable { username } => {
            let u = user_id(&app, &username).await?;
            app.set_user_active(&op, &cap, u.user.id, true).await.map_err(explain)?;
            println!("已启用用户 {username}。");
        }
        UserCommand::ResetPassword { username } => {
            let u = user_id(&app, &username).await?;
            let issued = app.reset_password(&op, &cap, u.user.id, PasswordCost::default()).await.map_err(explain)?;
            println!("已重置 {username} 的密码。一次性密码:{}", issued.one_time_password.unwrap_or_default());
        }
        UserCommand::List => {
            let all = app.list_users(&op).await.map_err(explain)?;
            println!("{:<14} {:<16} {:<24} {:<6} 所属单位", "用户名", "姓名", "角色", "状态");
            for u in all {
                let state = if u.user.active { "正常" } else { "停用" };
                println!(
                    "{:<14} {:<16} {:<24} {:<6} {}",
                    u.user.username,
                    u.user.display_name,
                    u.user.role.label(),
                    state,
                    u.unit_name
                );
            }
        }
        UserCommand::Token(TokenCommand::Create { username, name, days }) => {
            let u = user_id(&app, &username).await?;
            let actor = app.actor_for(&u).await.map_err(explain)?;
            let (secret, token) = app.create_api_token(&actor, &name, days).await.map_err(explain)?;
            println!(
                "已为 {username} 生成 API 令牌(编号 {},有效期至 {}):",
                token.id,
                token.expires_at.as_deref().unwrap_or("不限")
            );
            println!("{secret}");
        }
        UserCommand::Token(TokenCommand::List { username }) => {
            let u = user_id(&app, &username).await?;
            let tokens = app.list_user_tokens(&op, &cap, u.user.id).await.map_err(explain)?;
            println!("{:<6} {:<20} {:<26} {:<26} 状态", "编号", "用途", "生成时间", "有效期至");
            for t in tokens {
                let state = if t.revoked { "已撤销" } else { "有效或已过期" };
                println!(
                    "{:<6} {:<20} {:<26} {:<26} {state}",
                    t.id,
                    t.name,
                    t.created_at,
                    t.expires_at.as_deref().unwrap_or("不限")
                );
            }
        }
        UserCommand::Token(TokenCommand::Revoke { id }) => {
            let t = app.revoke_api_token(&op, id).await.map_err(explain)?;
            println!("已撤销 API 令牌 {}(“{}”)。", t.id, t.name);
        }
    }
    Ok(0)
}

pub async fn audit_verify(cfg: &Config) -> anyhow::Result<i32> {
    let app = open_app(cfg).await?;
    let (trail, checkpoints) = app.verify_audit_with(&cfg.audit_checkpoint_file).await.map_err(explain)?;
    // One line per region's chain: a broken one is named, the others say
    // that they verified on their own.
    for (region, v) in &trail.chains {
        match v {
            Verification::Intact(n) => println!("行政区划 {region}:完整,共 {n} 条记录"),
            Verification::Broken(b) => println!("行政区划 {region}:校验失败:{b}(第一处断裂:第 {} 条)", b.seq()),
        }
    }
    match trail.summary() {
        Verification::Intact(n) => {
            println!(
                "审计日志完整:{} 条哈希链共 {n} 条记录,带密钥的哈希链逐条核验通过,{checkpoints} 个签名检查点一致。",
                trail.chains.len()
            );
            if checkpoints == 0 {
                println!("提示:尚无检查点(fazhi audit checkpoint),删除末尾记录无法被发现。");
            }
            Ok(0)
        }
        Verification::Broken(_) => {
            let regions: Vec<&str> = trail.broken().iter().map(|(r, _)| *r).collect();
            println!("审计日志校验失败:行政区划 {} 的记录链断裂,其余行政区划完整。", regions.join("、"));
            Ok(1)
        }
    }
}

pub async fn audit_checkpoint(cfg: &Config) -> anyhow::Result<i32> {
    let app = open_app(cfg).await?;
    let cp = app.write_checkpoint(&cfg.audit_checkpoint_file).await.map_err(explain)?;
    let total: i64 = cp.heads.iter().map(|h| h.seq).sum();
    println!(
        "已写入检查点:{} 条哈希链共 {total} 条记录,总根哈希 {}…(文件 {})",
        cp.heads.len(),
        cp.root.chars().take(16).collect::<String>(),
        cfg.audit_checkpoint_file.display()
    );
    Ok(0)
}

pub async fn calendar_import(cfg: &Config, file: &Path) -> anyhow::Result<i32> {
    let text = std::fs::read_to_string(file).with_context(|| format!("无法读取文件 {}", file.display()))?;
    let app = open_app(cfg).await?;
    let summary = app.import_calendar_notice(&operator(), &text).await.map_err(explain)?;
    println!("{summary}");
    Ok(0)
}

pub async fn calendar_years(cfg: &Config) -> anyhow::Result<i32> {
    let app = open_app(cfg).await?;
    let cal = app.calendar().await.map_err(explain)?;
    let years = cal.covered_years();
    println!("日历覆盖年份:{}", years.iter().map(ToString::to_string).collect::<Vec<_>>().join("、"));
    for n in app.calendar_notices().await.map_err(explain)? {
        println!("  导入:{} 年({},{})", n.years, n.imported_at, n.imported_by);
    }
    Ok(0)
}
