//! The JSON API under `/api/v1`.
//!
//! Machine clients authenticate with `Authorization: Bearer <token>` (tokens
//! are issued on the "API 令牌" page or with `fazhi user token`). Every error
//! is a JSON object `{"error": {"code", "message", "fields", "operation_id"}}`
//! with a stable `code`; invalid bodies get 400. The OpenAPI document at
//! `/api/v1/openapi.json` is generated from the handlers below and
//! snapshot-tested, so it cannot drift silently.

use crate::ctx::Ctx;
use crate::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use fazhi_app::accounts::{UnitInput, UserInput};
use fazhi_app::auth::Actor;
use fazhi_app::AppError;
use fazhi_store::audit::AuditFilter;
use fazhi_store::units::Unit;
use fazhi_store::users::UserInUnit;
use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/me", get(me))
        .route("/units", get(list_units).post(create_unit))
        .route("/units/{id}", get(get_unit))
        .route("/users", get(list_users).post(create_user))
        .route("/audit", get(audit))
        .fallback(api_not_found)
}

/// The OpenAPI document of this API.
#[derive(OpenApi)]
#[openapi(
    info(title = "fazhi API", version = "1", description = "法治政府建设平台 JSON 接口。错误一律为 ErrorBody。"),
    paths(me, list_units, get_unit, create_unit, list_users, create_user, audit),
    components(schemas(MeDto, UnitDto, NewUnitDto, UserDto, NewUserDto, CreatedUserDto, AuditEntryDto, AuditPageDto, ErrorBody, ErrorDetail, FieldErrorDto)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(c) = openapi.components.as_mut() {
            c.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

async fn openapi() -> Response {
    match ApiDoc::openapi().to_pretty_json() {
        Ok(s) => ([(header::CONTENT_TYPE, "application/json")], s).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

// ---- errors -------------------------------------------------------------

/// The body of every API error.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code: `invalid_json`, `invalid`, `unauthenticated`,
    /// `forbidden`, `not_found`, `conflict`, `stale`, `unavailable`, `internal`.
    pub code: &'static str,
    /// Human-readable message in Chinese.
    pub message: String,
    /// Per-field problems for `invalid`.
    pub fields: Vec<FieldErrorDto>,
    /// Quote this when reporting a problem; it is in the server log.
    pub operation_id: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldErrorDto {
    pub field: &'static str,
    pub message: String,
}

/// An API error; rendered with the request's operation id.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    fields: Vec<FieldErrorDto>,
    op_id: String,
}

impl ApiError {
    fn new(ctx: &Ctx, status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into(), fields: Vec::new(), op_id: ctx.op_id.clone() }
    }

    fn from_app(ctx: &Ctx, e: AppError) -> Self {
        match e {
            AppError::Invalid(errs) => {
                let mut err = Self::new(ctx, StatusCode::BAD_REQUEST, "invalid", "输入有误");
                err.fields = errs.into_iter().map(|e| FieldErrorDto { field: e.field, message: e.message }).collect();
                err
            }
            AppError::Unauthenticated => {
                Self::new(ctx, StatusCode::UNAUTHORIZED, "unauthenticated", "需要有效的 API 令牌")
            }
            AppError::Forbidden => Self::new(ctx, StatusCode::FORBIDDEN, "forbidden", "无权进行此操作"),
            AppError::PasswordChangeRequired => Self::new(
                ctx,
                StatusCode::FORBIDDEN,
                "password_change_required",
                "请先在网页上修改管理员设置的一次性密码",
            ),
            AppError::NotFound => Self::new(ctx, StatusCode::NOT_FOUND, "not_found", "记录不存在或不在您的权限范围内"),
            AppError::Conflict(m) => Self::new(ctx, StatusCode::CONFLICT, "conflict", m),
            AppError::Stale => Self::new(ctx, StatusCode::CONFLICT, "stale", "记录已被他人修改,请重新读取后再试"),
            AppError::Unavailable => {
                Self::new(ctx, StatusCode::SERVICE_UNAVAILABLE, "unavailable", "数据库暂时无法访问")
            }
            AppError::Internal(detail) => {
                tracing::error!(op_id = %ctx.op_id, error = %detail, "api request failed");
                Self::new(ctx, StatusCode::INTERNAL_SERVER_ERROR, "internal", "系统内部错误")
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: self.message,
                fields: self.fields,
                operation_id: self.op_id,
            },
        };
        (self.status, Json(body)).into_response()
    }
}

/// A structured API error built outside a handler (the edge middleware):
/// `field`/`field_message` name the offending field, if any.
pub fn error_response(
    status: StatusCode,
    code: &'static str,
    message: &str,
    op_id: &str,
    field: &str,
    field_message: &str,
) -> Response {
    let fields = if field.is_empty() {
        Vec::new()
    } else {
        vec![FieldErrorDto { field: leak_field(field), message: field_message.to_owned() }]
    };
    ApiError { status, code, message: message.to_owned(), fields, op_id: op_id.to_owned() }.into_response()
}

/// Field names of the API are few and static; an unknown one is reported as `body`.
fn leak_field(field: &str) -> &'static str {
    const KNOWN: &[&str] = &[
        "code",
        "name",
        "kind",
        "region_code",
        "parent_id",
        "sort_order",
        "username",
        "display_name",
        "unit_id",
        "role",
        "password",
        "entity",
        "actor",
        "action",
        "from",
        "until",
    ];
    KNOWN.iter().find(|k| **k == field).copied().unwrap_or("body")
}

async fn api_not_found(ctx: Ctx) -> ApiError {
    ApiError::new(&ctx, StatusCode::NOT_FOUND, "not_found", "接口不存在")
}

// ---- extractors ---------------------------------------------------------

/// The caller authenticated by bearer token, with the request context.
pub struct ApiCaller {
    pub actor: Actor,
    pub ctx: Ctx,
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let ctx = parts.extensions.get::<Ctx>().cloned().ok_or_else(|| ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: "系统内部错误".into(),
            fields: Vec::new(),
            op_id: String::new(),
        })?;
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        let Some(token) = token else {
            return Err(ApiError::new(
                &ctx,
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "缺少 Authorization: Bearer 令牌",
            ));
        };
        match state.app.token_actor(token).await {
            Ok(Some(actor)) if actor.must_change_password => {
                Err(ApiError::from_app(&ctx, AppError::PasswordChangeRequired))
            }
            Ok(Some(actor)) => Ok(ApiCaller { actor, ctx }),
            Ok(None) => Err(ApiError::new(&ctx, StatusCode::UNAUTHORIZED, "unauthenticated", "API 令牌无效或已停用")),
            Err(e) => Err(ApiError::from_app(&ctx, e)),
        }
    }
}

/// A JSON body whose rejection is a structured 400.
pub struct ApiJson<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = req.extensions().get::<Ctx>().cloned();
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(rej) => {
                let message = match &rej {
                    JsonRejection::MissingJsonContentType(_) => {
                        "请求须为 JSON(Content-Type: application/json)".to_owned()
                    }
                    JsonRejection::JsonSyntaxError(_) => "请求体不是合法的 JSON".to_owned(),
                    JsonRejection::JsonDataError(e) => format!("JSON 字段不符合要求:{}", e.body_text()),
                    _ => "无法读取请求体".to_owned(),
                };
                let op_id = ctx.map(|c| c.op_id).unwrap_or_default();
                Err(ApiError {
                    status: StatusCode::BAD_REQUEST,
                    code: "invalid_json",
                    message,
                    fields: Vec::new(),
                    op_id,
                })
            }
        }
    }
}

// ---- DTOs ---------------------------------------------------------------

#[derive(Debug, Serialize, ToSchema)]
pub struct MeDto {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    /// Role code: admin, coordinator, handler, leader, reconsideration_office, supervisor.
    pub role: String,
    pub unit_id: i64,
    pub unit_name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnitDto {
    pub id: i64,
    pub code: String,
    pub name: String,
    /// Unit kind code, e.g. government, department, subdistrict.
    pub kind: String,
    pub kind_label: String,
    pub region_code: String,
    pub parent_id: Option<i64>,
    pub active: bool,
    pub version: i64,
}

impl From<Unit> for UnitDto {
    fn from(u: Unit) -> Self {
        Self {
            id: u.id,
            code: u.code,
            name: u.name,
            kind: u.kind.code().to_owned(),
            kind_label: u.kind.label().to_owned(),
            region_code: u.region_code,
            parent_id: u.parent_id,
            active: u.active,
            version: u.version,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewUnitDto {
    pub code: String,
    pub name: String,
    pub kind: String,
    /// 6-digit GB/T 2260 code.
    pub region_code: String,
    pub parent_id: i64,
    #[serde(default)]
    pub sort_order: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserDto {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub active: bool,
}

impl From<UserInUnit> for UserDto {
    fn from(u: UserInUnit) -> Self {
        Self {
            id: u.user.id,
            username: u.user.username,
            display_name: u.user.display_name,
            role: u.user.role.code().to_owned(),
            unit_id: u.user.unit_id,
            unit_name: u.unit_name,
            active: u.user.active,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewUserDto {
    pub username: String,
    pub display_name: String,
    pub unit_id: i64,
    pub role: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedUserDto {
    pub user: UserDto,
    /// Shown once; the user must change it at first login.
    pub one_time_password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryDto {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    /// JSON text of the entity before the change.
    pub before: String,
    /// JSON text of the entity after the change.
    pub after: String,
    pub hash: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPageDto {
    pub total: i64,
    pub entries: Vec<AuditEntryDto>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct AuditParams {
    pub entity: Option<String>,
    pub actor: Option<String>,
    pub action: Option<String>,
    #[serde(default)]
    pub limit: Option<i64>,
    #[serde(default)]
    pub offset: Option<i64>,
}

// ---- handlers -----------------------------------------------------------

/// The caller's own account.
#[utoipa::path(get, path = "/api/v1/me", responses((status = 200, body = MeDto), (status = 401, body = ErrorBody)), security(("bearer" = [])))]
async fn me(c: ApiCaller) -> Json<MeDto> {
    let a = c.actor;
    Json(MeDto {
        id: a.user_id,
        username: a.username,
        display_name: a.display_name,
        role: a.role.code().to_owned(),
        unit_id: a.unit_id,
        unit_name: a.unit_name,
    })
}

/// Units in the caller's scope, parents first.
#[utoipa::path(get, path = "/api/v1/units", responses((status = 200, body = [UnitDto]), (status = 401, body = ErrorBody)), security(("bearer" = [])))]
async fn list_units(State(s): State<AppState>, c: ApiCaller) -> Result<Json<Vec<UnitDto>>, ApiError> {
    let units = s.app.list_units(&c.actor).await.map_err(|e| ApiError::from_app(&c.ctx, e))?;
    Ok(Json(units.into_iter().map(UnitDto::from).collect()))
}

/// One unit in the caller's scope.
#[utoipa::path(get, path = "/api/v1/units/{id}", params(("id" = i64, Path)), responses((status = 200, body = UnitDto), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
async fn get_unit(State(s): State<AppState>, c: ApiCaller, Path(id): Path<String>) -> Result<Json<UnitDto>, ApiError> {
    let id: i64 = id.parse().map_err(|_| ApiError::new(&c.ctx, StatusCode::NOT_FOUND, "not_found", "记录不存在"))?;
    let unit = s.app.get_unit(&c.actor, id).await.map_err(|e| ApiError::from_app(&c.ctx, e))?;
    Ok(Json(unit.into()))
}

/// Creates a unit (system administrators).
#[utoipa::path(post, path = "/api/v1/units", request_body = NewUnitDto, responses((status = 201, body = UnitDto), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
async fn create_unit(
    State(s): State<AppState>,
    c: ApiCaller,
    ApiJson(body): ApiJson<NewUnitDto>,
) -> Result<(StatusCode, Json<UnitDto>), ApiError> {
    let cap = c.actor.account_admin().map_err(|e| ApiError::from_app(&c.ctx, e))?;
    let input = UnitInput {
        code: body.code,
        name: body.name,
        kind: body.kind,
        region_code: body.region_code,
        parent_id: Some(body.parent_id),
        sort_order: body.sort_order,
    };
    let unit = s.app.create_unit(&c.actor, &cap, &input).await.map_err(|e| ApiError::from_app(&c.ctx, e))?;
    Ok((StatusCode::CREATED, Json(unit.into())))
}

/// Accounts in the caller's scope (system administrators).
#[utoipa::path(get, path = "/api/v1/users", responses((status = 200, body = [UserDto]), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
async fn list_users(State(s): State<AppState>, c: ApiCaller) -> Result<Json<Vec<UserDto>>, ApiError> {
    let users = s.app.list_users(&c.actor).await.map_err(|e| ApiError::from_app(&c.ctx, e))?;
    Ok(Json(users.into_iter().map(UserDto::from).collect()))
}

/// Creates an account with a one-time password (system administrators).
#[utoipa::path(post, path = "/api/v1/users", request_body = NewUserDto, responses((status = 201, body = CreatedUserDto), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
async fn create_user(
    State(s): State<AppState>,
    c: ApiCaller,
    ApiJson(body): ApiJson<NewUserDto>,
) -> Result<(StatusCode, Json<CreatedUserDto>), ApiError> {
    let cap = c.actor.account_admin().map_err(|e| ApiError::from_app(&c.ctx, e))?;
    let input = UserInput {
        username: body.username,
        display_name: body.display_name,
        unit_id: Some(body.unit_id),
        role: body.role,
        password: String::new(),
    };
    let issued = s
        .app
        .create_user(&c.actor, &cap, &input, s.settings.password_cost)
        .await
        .map_err(|e| ApiError::from_app(&c.ctx, e))?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedUserDto {
            user: issued.user.into(),
            one_time_password: issued.one_time_password.unwrap_or_default(),
        }),
    ))
}

/// The audit trail in the caller's scope, newest first (coordinators, administrators).
#[utoipa::path(get, path = "/api/v1/audit", params(AuditParams), responses((status = 200, body = AuditPageDto), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
async fn audit(
    State(s): State<AppState>,
    c: ApiCaller,
    Query(p): Query<AuditParams>,
) -> Result<Json<AuditPageDto>, ApiError> {
    let filter = AuditFilter {
        entity: p.entity,
        actor: p.actor,
        action: p.action,
        limit: p.limit.unwrap_or(100),
        offset: p.offset.unwrap_or(0),
        ..Default::default()
    };
    let (rows, total) = s.app.browse_audit(&c.actor, filter).await.map_err(|e| ApiError::from_app(&c.ctx, e))?;
    Ok(Json(AuditPageDto {
        total,
        entries: rows
            .into_iter()
            .map(|r| AuditEntryDto {
                seq: r.seq,
                at: r.at,
                actor: r.actor,
                action: r.action,
                entity: r.entity,
                entity_id: r.entity_id,
                before: r.before,
                after: r.after,
                hash: r.hash,
            })
            .collect(),
    }))
}
