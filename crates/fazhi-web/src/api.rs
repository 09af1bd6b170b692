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
use fazhi_app::case_list::ListParams;
use fazhi_app::cases::{stage_zh, CaseView, DeadlineState};
use fazhi_app::AppError;
use fazhi_core::clock::DeadlineStatus;
use fazhi_core::procedure::by_id;
use fazhi_core::procedure::form::code_of;
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
        .route("/cases", get(list_cases))
        .route("/cases/{number}", get(get_case))
        .route("/cases/{number}/steps", axum::routing::post(record_step))
        .route("/activities", get(list_activities).post(create_activity))
        .route("/indicators", get(list_indicators))
        .route("/indicators/{id}/records", get(indicator_records))
        .fallback(api_not_found)
}

/// The OpenAPI document of this API.
#[derive(OpenApi)]
#[openapi(
    info(title = "fazhi API", version = "1", description = "法治政府建设平台 JSON 接口。错误一律为 ErrorBody。"),
    paths(me, list_units, get_unit, create_unit, list_users, create_user, audit, list_cases, get_case, record_step,
        list_activities, create_activity, list_indicators, indicator_records),
    components(schemas(MeDto, UnitDto, NewUnitDto, UserDto, NewUserDto, CreatedUserDto, AuditEntryDto, AuditPageDto, ErrorBody, ErrorDetail, FieldErrorDto,
        CaseSummaryDto, CasePageDto, CaseDto, DeadlineDto, EventDto, StepDto, StepFormDto, StepFieldDto,
        ActivityDto, ActivityPageDto, ActivityKindTotalDto, NewActivityDto,
        IndicatorCatalogueDto, IndicatorGroupDto, IndicatorDto, IndicatorRecordsDto, IndicatorRecordDto, IndicatorFactDto, ActivityRecordsDto)),
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

// ---- cases --------------------------------------------------------------

/// A case as lists show it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseSummaryDto {
    /// The case number, e.g. `FY-2026-00017`: the key of `/api/v1/cases/{number}`.
    pub number: String,
    /// `disclosure`, `reconsideration` or `litigation`.
    pub kind: String,
    pub kind_label: String,
    /// The stage code, e.g. `under_review`.
    pub stage: String,
    /// The stage's Chinese name.
    pub stage_label: String,
    pub subject: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub received_on: String,
    /// Set once the case is concluded.
    pub closed_on: Option<String>,
    /// The earliest mandatory deadline not yet met (open cases).
    pub next_due: Option<String>,
    /// `overdue`, `approaching`, `normal`; null when no deadline is running.
    pub deadline_status: Option<String>,
    /// 超期 / 临期 / 正常.
    pub deadline_status_label: Option<String>,
    /// Why an open case has no deadline running (a correction or consultation awaited …).
    pub reminder: Option<String>,
    /// The version to send with the next step (optimistic locking).
    pub version: i64,
}

fn summary(
    row: &fazhi_store::cases::CaseRow,
    status: Option<DeadlineStatus>,
    reminder: Option<String>,
) -> CaseSummaryDto {
    let kind = by_id(&row.kind);
    CaseSummaryDto {
        number: row.number.clone(),
        kind: row.kind.clone(),
        kind_label: kind.map(|k| k.zh()).unwrap_or("").to_owned(),
        stage: row.stage.clone(),
        stage_label: stage_zh(&row.kind, &row.stage),
        subject: row.subject.clone(),
        unit_id: row.unit_id,
        unit_name: row.unit_name.clone(),
        received_on: row.received_on.clone(),
        closed_on: row.closed_on.clone(),
        next_due: row.next_due.clone(),
        deadline_status: status.map(|s| code_of(&s)),
        deadline_status_label: status.map(|s| s.zh().to_owned()),
        reminder,
        version: row.version,
    }
}

/// One page of cases.
#[derive(Debug, Serialize, ToSchema)]
pub struct CasePageDto {
    /// Cases matching the filters in all.
    pub total: i64,
    /// This page, from 1.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
    /// Number of pages (at least 1).
    pub pages: i64,
    pub items: Vec<CaseSummaryDto>,
}

/// The filters of `GET /api/v1/cases` (the same as the `/cases` page).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[allow(dead_code)]
pub struct CaseListParams {
    /// `disclosure`, `reconsideration`, `litigation`; empty for every kind.
    pub kind: Option<String>,
    /// `open` (default), `closed`, `all`.
    pub status: Option<String>,
    /// A stage code (`under_review`).
    pub stage: Option<String>,
    /// A unit id in the caller's scope: that unit and the units below it.
    pub unit: Option<i64>,
    /// `overdue`, `approaching`, `normal`, `none` (open cases with no deadline running).
    pub due: Option<String>,
    /// Received on or after (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Received on or before (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// Part of the number, the subject or the party's name.
    pub q: Option<String>,
    /// Page number, from 1 (default 1).
    pub page: Option<i64>,
    /// Rows per page, 1 to 200 (default 50).
    pub per_page: Option<i64>,
}

/// A deadline of a case with its explanation.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeadlineDto {
    /// The step code, e.g. `reply`.
    pub step: String,
    pub step_label: String,
    pub due: String,
    /// `normal`, `approaching`, `overdue`, `unknown` (cannot be judged; never
    /// shown as normal), `met`, or `met_late` (done after the due date).
    pub status: String,
    /// The date the step was performed, when `met`.
    pub met_on: Option<String>,
    /// Whether every case must meet it (counts towards urgency).
    pub mandatory: bool,
    /// The due date is an estimate resting on an assumption (see the explanation).
    pub provisional: bool,
    /// How the date was computed: rule, article, start, skipped days (Chinese).
    pub explanation: String,
}

/// One entry of a case's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventDto {
    pub seq: i64,
    pub occurred_on: String,
    pub recorded_at: String,
    pub actor: String,
    /// The step code, e.g. `reply`.
    pub action: String,
    /// The step in Chinese, as the case page shows it.
    pub description: String,
}

/// A case with its deadlines and history.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseDto {
    #[serde(flatten)]
    pub case: CaseSummaryDto,
    pub deadlines: Vec<DeadlineDto>,
    /// Deadlines that cannot be computed yet, with the reason (Chinese).
    pub pending: Vec<String>,
    pub history: Vec<EventDto>,
    /// The steps the procedure allows next (codes for `POST …/steps`).
    pub allowed_steps: Vec<String>,
    /// The same steps with the fields each takes, as the case page's forms
    /// ask for them (the kind's definition).
    pub step_forms: Vec<StepFormDto>,
}

/// A step the case allows, with its form.
#[derive(Debug, Serialize, ToSchema)]
pub struct StepFormDto {
    pub code: String,
    /// The step's Chinese name.
    pub label: String,
    pub fields: Vec<StepFieldDto>,
}

/// One field of a step form.
#[derive(Debug, Serialize, ToSchema)]
pub struct StepFieldDto {
    pub name: String,
    pub label: String,
    /// `date`, `text`, `textarea`, `number`, `check` or `select`.
    pub input: String,
    pub required: bool,
    /// The codes a `select` accepts, with their labels.
    pub options: Vec<(String, String)>,
}

/// A step to record, as the case page's form sends it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct StepDto {
    /// The case version the step was decided on (from `GET /api/v1/cases/{number}`).
    pub version: i64,
    /// The step code, one of the case's `allowed_steps`.
    pub action: String,
    /// The date of the step (`YYYY-MM-DD`).
    pub date: String,
    /// The step's fields, named as the kind's step form names them (e.g.
    /// `days` and `approved_by` for `grant_extension`; `outcome` for
    /// `reply`, `decide` and `judge`; `hearing_on`; `reason`; `ruling`,
    /// `by_agency` as booleans). Unknown names are ignored.
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub fields: std::collections::BTreeMap<String, serde_json::Value>,
}

impl StepDto {
    /// A field as a form would send it (`true` as "1", numbers as digits).
    fn field(&self, name: &str) -> Option<String> {
        match self.fields.get(name)? {
            serde_json::Value::Null | serde_json::Value::Bool(false) => None,
            serde_json::Value::Bool(true) => Some("1".to_owned()),
            serde_json::Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }
    }
}

fn case_dto(v: &CaseView) -> CaseDto {
    let def = v.case.kind();
    let open_status = |v: &CaseView| {
        v.deadlines
            .iter()
            .filter_map(|(d, s)| match s {
                DeadlineState::Running(st) if def.mandatory(d.step) => Some((d.due, *st)),
                _ => None,
            })
            .min_by_key(|(due, _)| *due)
            .map(|(_, st)| st)
    };
    let status = if v.row.closed_on.is_none() { open_status(v) } else { None };
    CaseDto {
        case: summary(&v.row, status, None),
        deadlines: v
            .deadlines
            .iter()
            .map(|(d, s)| DeadlineDto {
                step: code_of(&d.step),
                step_label: d.step.zh().to_owned(),
                due: d.due.to_string(),
                status: match s {
                    DeadlineState::Running(st) => code_of(st),
                    DeadlineState::Unknown(_) => "unknown".to_owned(),
                    DeadlineState::Met { late: false, .. } => "met".to_owned(),
                    DeadlineState::Met { late: true, .. } => "met_late".to_owned(),
                },
                met_on: match s {
                    DeadlineState::Met { on, .. } => Some(on.to_string()),
                    _ => None,
                },
                mandatory: def.mandatory(d.step),
                provisional: d.provisional,
                explanation: d.explanation.to_string(),
            })
            .collect(),
        pending: v.pending.clone(),
        history: v
            .events
            .iter()
            .map(|e| {
                let description = def.describe(&e.action_json);
                EventDto {
                    seq: e.seq,
                    occurred_on: e.occurred_on.clone(),
                    recorded_at: e.recorded_at.clone(),
                    actor: e.actor.clone(),
                    action: serde_json::from_str::<serde_json::Value>(&e.action_json)
                        .ok()
                        .filter(|_| description.is_some())
                        .and_then(|a| a.get("action").and_then(|c| c.as_str()).map(str::to_owned))
                        .unwrap_or_default(),
                    description: description.unwrap_or_else(|| "(无法识别的办理记录)".to_owned()),
                }
            })
            .collect(),
        allowed_steps: v.case.steps(false).into_iter().map(|s| s.code).collect(),
        step_forms: v
            .case
            .steps(false)
            .into_iter()
            .map(|s| StepFormDto {
                code: s.code,
                label: s.zh.to_owned(),
                fields: s
                    .fields
                    .iter()
                    .map(|f| {
                        let view = crate::views::FieldView::of(f, String::new());
                        StepFieldDto {
                            name: view.name.to_owned(),
                            label: view.label,
                            input: view.input.to_owned(),
                            required: view.required,
                            options: view.options,
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Cases in the caller's scope, one page at a time, with the filters of the
/// `/cases` page. Open cases come most urgent first, concluded ones most
/// recently concluded first, `status=all` most recently received first.
#[utoipa::path(get, path = "/api/v1/cases", params(CaseListParams), responses((status = 200, body = CasePageDto), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)), security(("bearer" = [])))]
async fn list_cases(
    State(s): State<AppState>,
    c: ApiCaller,
    Query(p): Query<ListParams>,
) -> Result<Json<CasePageDto>, ApiError> {
    let list = s.app.list_cases(&c.actor, &p).await.map_err(|e| ApiError::from_app(&c.ctx, e))?;
    Ok(Json(CasePageDto {
        total: list.total,
        page: list.page,
        per_page: list.per_page,
        pages: list.pages,
        items: list.items.into_iter().map(|i| summary(&i.row, i.status, i.reminder)).collect(),
    }))
}

/// One case in the caller's scope with its deadlines (each explained) and
/// history. A case outside the scope is 404, like a number that does not exist.
#[utoipa::path(get, path = "/api/v1/cases/{number}", params(("number" = String, Path, description = "case number, e.g. FY-2026-00017")), responses((status = 200, body = CaseDto), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
async fn get_case(
    State(s): State<AppState>,
    c: ApiCaller,
    Path(number): Path<String>,
) -> Result<Json<CaseDto>, ApiError> {
    let err = |e| ApiError::from_app(&c.ctx, e);
    let id = s.app.case_id_by_number(&c.actor, &number).await.map_err(err)?;
    let view = s.app.case_view(&c.actor, id).await.map_err(err)?;
    Ok(Json(case_dto(&view)))
}

/// Records a step on a case, as the case page's form does: the procedure
/// decides whether it is allowed (refusals are `invalid` with a Chinese
/// message); `version` must be the case's current version (`stale` if
/// someone recorded a step since).
#[utoipa::path(post, path = "/api/v1/cases/{number}/steps", params(("number" = String, Path, description = "case number")), request_body = StepDto, responses((status = 201, body = CaseDto), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
async fn record_step(
    State(s): State<AppState>,
    c: ApiCaller,
    Path(number): Path<String>,
    ApiJson(body): ApiJson<StepDto>,
) -> Result<(StatusCode, Json<CaseDto>), ApiError> {
    let err = |e| ApiError::from_app(&c.ctx, e);
    let id = s.app.case_id_by_number(&c.actor, &number).await.map_err(err)?;
    let get = |name: &str| body.field(name);
    s.app.record_case_step(&c.actor, id, body.version, &body.action, &get, &body.date).await.map_err(err)?;
    let view = s.app.case_view(&c.actor, id).await.map_err(err)?;
    Ok((StatusCode::CREATED, Json(case_dto(&view))))
}

// ---- activities ---------------------------------------------------------

/// The filters of `GET /api/v1/activities` (the same as the `/activities` page).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[allow(dead_code)]
pub struct ActivityListQuery {
    /// A unit id in the caller's scope; empty for the whole scope.
    pub unit: Option<i64>,
    /// `1`: the unit with the units below it; otherwise the unit alone.
    pub subtree: Option<String>,
    /// A kind's code: `meeting_study`, `central_group_study`, `training`,
    /// `pre_appointment_exam`, `enforcement_exam`, `education_event`,
    /// `education_material`, `report_on_law`, `committee_meeting`,
    /// `committee_group_meeting`, `constitution_oath`.
    pub kind: Option<String>,
    /// Held on or after (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Held on or before (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// Page number, from 1 (default 1).
    pub page: Option<i64>,
    /// Rows per page, 1 to 200 (default 50).
    pub per_page: Option<i64>,
}

/// An activity of 法治建设.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityDto {
    pub id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    /// The kind's code, e.g. `meeting_study`.
    pub kind: String,
    pub kind_label: String,
    pub held_on: String,
    pub topic: String,
    /// People taking part (exams: candidates; material: copies).
    pub participants: i64,
    /// Hours per participant (study and training), e.g. 1.5.
    pub hours: Option<f64>,
    /// Passes of an exam.
    pub passed: Option<i64>,
    pub note: String,
    /// The version to send with a correction.
    pub version: i64,
}

impl From<&fazhi_store::activities::ActivityRow> for ActivityDto {
    fn from(r: &fazhi_store::activities::ActivityRow) -> Self {
        ActivityDto {
            id: r.id,
            unit_id: r.unit_id,
            unit_name: r.unit_name.clone(),
            kind: r.kind.clone(),
            kind_label: fazhi_app::activities::kind_zh(&r.kind),
            held_on: r.held_on.clone(),
            topic: r.topic.clone(),
            participants: r.participants,
            hours: r.tenth_hours.map(|t| t as f64 / 10.0),
            passed: r.passed,
            note: r.note.clone(),
            version: r.version,
        }
    }
}

/// The totals of one kind over the filter.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityKindTotalDto {
    pub kind: String,
    pub kind_label: String,
    /// How many activities.
    pub held: i64,
    /// Their participants (exams: candidates; material: copies) added up.
    pub people: i64,
}

/// One page of activities with the totals per kind of everything that matches.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityPageDto {
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    pub pages: i64,
    pub totals: Vec<ActivityKindTotalDto>,
    pub items: Vec<ActivityDto>,
}

/// A new activity; checked as the `/activities/new` form is.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewActivityDto {
    /// The unit that held it (in the caller's scope); the caller's unit if absent.
    pub unit_id: Option<i64>,
    /// A kind's code or Chinese name (会前学法).
    pub kind: String,
    pub held_on: String,
    pub topic: String,
    pub participants: i64,
    /// Hours per participant, at most one decimal (study and training only).
    pub hours: Option<f64>,
    /// Passes (exams only).
    pub passed: Option<i64>,
    #[serde(default)]
    pub note: String,
}

/// Activities in the caller's scope, latest first, one page at a time, with
/// the totals per kind of the filter.
#[utoipa::path(get, path = "/api/v1/activities", params(ActivityListQuery), responses((status = 200, body = ActivityPageDto), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)), security(("bearer" = [])))]
async fn list_activities(
    State(s): State<AppState>,
    c: ApiCaller,
    Query(p): Query<fazhi_app::activities::ActivityListParams>,
) -> Result<Json<ActivityPageDto>, ApiError> {
    let l = s.app.list_activities(&c.actor, &p).await.map_err(|e| ApiError::from_app(&c.ctx, e))?;
    Ok(Json(ActivityPageDto {
        total: l.total,
        page: l.page,
        per_page: l.per_page,
        pages: l.pages,
        totals: l
            .totals
            .iter()
            .map(|t| ActivityKindTotalDto {
                kind: t.kind.code().to_owned(),
                kind_label: t.kind.zh().to_owned(),
                held: t.held,
                people: t.people,
            })
            .collect(),
        items: l.items.iter().map(ActivityDto::from).collect(),
    }))
}

/// Records an activity (roles that write records, for a unit of their scope).
/// A bad field is `invalid` with a Chinese message quoting it.
#[utoipa::path(post, path = "/api/v1/activities", request_body = NewActivityDto, responses((status = 201, body = ActivityDto), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
async fn create_activity(
    State(s): State<AppState>,
    c: ApiCaller,
    ApiJson(body): ApiJson<NewActivityDto>,
) -> Result<(StatusCode, Json<ActivityDto>), ApiError> {
    let err = |e| ApiError::from_app(&c.ctx, e);
    let form = fazhi_app::activities::ActivityForm {
        unit_id: body.unit_id,
        activity: fazhi_core::activity::ActivityInput {
            kind: body.kind,
            held_on: body.held_on,
            topic: body.topic,
            participants: body.participants.to_string(),
            hours: body.hours.map(|h| h.to_string()).unwrap_or_default(),
            passed: body.passed.map(|p| p.to_string()).unwrap_or_default(),
            note: body.note,
        },
    };
    let id = s.app.record_activity(&c.actor, &form).await.map_err(err)?;
    let row = s.app.activity(&c.actor, id).await.map_err(err)?;
    Ok((StatusCode::CREATED, Json(ActivityDto::from(&row))))
}

// ---- indicators ---------------------------------------------------------

/// The place, period and \[U\] variants of the indicator endpoints (all
/// optional; the same as the `/reports/indicators` page).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[allow(dead_code)]
pub struct IndicatorParams {
    /// A unit id in the caller's scope (default: the first unit of the scope).
    pub unit: Option<String>,
    /// `1`: the unit and the units below it (default for `GET /api/v1/indicators` without `unit`).
    pub subtree: Option<String>,
    /// `2025`, `2025-Q1` or `2025-03` (default: last year).
    pub period: Option<String>,
    /// Records only: first day (`YYYY-MM-DD`); with `to`, replaces `period`.
    pub from: Option<String>,
    /// Records only: last day (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// Records only: `numerator` or `denominator` of a rate (default: both).
    pub part: Option<String>,
    /// Records only: page number from 1 (50 records a page).
    pub page: Option<String>,
    /// \[U\] variants: `standard`, `narrow`, `comprehensive`.
    pub correction_scope: Option<String>,
    /// `concluded`, `merits`.
    pub correction_base: Option<String>,
    /// `correction`, `withdrawal`.
    pub substantive: Option<String>,
    /// `case`, `hearing`.
    pub appearance_unit: Option<String>,
    /// `all`, `first`.
    pub appearance_instances: Option<String>,
    /// `all`, `no_withdrawal`, `judgments`.
    pub loss_base: Option<String>,
    /// `no`, `yes`.
    pub compensation_is_loss: Option<String>,
}

/// One indicator's value.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorDto {
    /// Stable id, e.g. `reconsideration.correction_rate`.
    pub id: String,
    pub name: String,
    pub definition: String,
    /// `count` or `rate`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// A count's value, a rate's numerator.
    pub count: u64,
    /// A rate's denominator.
    pub denominator: Option<u64>,
    /// A rate in percent (`null` with a zero denominator).
    pub percent: Option<f64>,
    /// Where its records are: `/api/v1/indicators/{id}/records?…` (cases) or
    /// `/api/v1/activities?…` (activities).
    pub records: String,
}

/// A group of the catalogue.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorGroupDto {
    /// The kind's machine name, or `activity`.
    pub id: String,
    pub name: String,
    /// `cases` or `activities`.
    pub records: &'static str,
    pub indicators: Vec<IndicatorDto>,
}

/// Every indicator of a unit for a period.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorCatalogueDto {
    pub unit_id: i64,
    pub unit_name: String,
    pub subtree: bool,
    /// `2025`, `2025-Q1`, `2025-03`.
    pub period: String,
    pub from: String,
    pub to: String,
    pub groups: Vec<IndicatorGroupDto>,
}

/// A dated counter of a case.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorFactDto {
    /// The counter's code (`reconsideration.received`).
    pub counter: String,
    /// Its Chinese name (收到复议申请).
    pub counter_name: String,
    pub on: String,
    pub amount: i64,
}

/// A case behind a value.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorRecordDto {
    pub case_id: i64,
    pub number: String,
    pub kind: String,
    pub kind_zh: String,
    pub unit_name: String,
    /// The matching facts in the range.
    pub facts: Vec<IndicatorFactDto>,
    /// `/api/v1/cases/{number}`.
    pub href: String,
}

/// The cases behind a value, one page.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorRecordsDto {
    pub id: String,
    pub name: String,
    pub definition: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub subtree: bool,
    pub from: String,
    pub to: String,
    /// `numerator`, `denominator`, or empty for both.
    pub part: String,
    /// The counters listed (codes).
    pub counters: Vec<String>,
    /// Their Chinese names, in the same order.
    pub counter_names: Vec<String>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub pages: u32,
    pub items: Vec<IndicatorRecordDto>,
}

/// The answer for an activity indicator: its records are activities.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityRecordsDto {
    /// `records_are_activities`.
    pub code: &'static str,
    pub message: String,
    /// The activities list with the same place, kind and range.
    pub location: String,
}

fn indicator_query(p: IndicatorParams) -> crate::routes::indicators::IndicatorQuery {
    let t = |o: Option<String>| o.unwrap_or_default();
    crate::routes::indicators::IndicatorQuery {
        unit: t(p.unit),
        period: t(p.period),
        year: String::new(),
        subtree: t(p.subtree),
        from: t(p.from),
        to: t(p.to),
        part: t(p.part),
        page: t(p.page),
        correction_scope: t(p.correction_scope),
        correction_base: t(p.correction_base),
        substantive: t(p.substantive),
        appearance_unit: t(p.appearance_unit),
        appearance_instances: t(p.appearance_instances),
        loss_base: t(p.loss_base),
        compensation_is_loss: t(p.compensation_is_loss),
    }
}

/// The caller's default unit: the first of their scope.
async fn default_unit(s: &AppState, c: &ApiCaller) -> Result<i64, ApiError> {
    let units = s.app.list_units(&c.actor).await.map_err(|e| ApiError::from_app(&c.ctx, e))?;
    Ok(units.first().map(|u| u.id).unwrap_or(c.actor.unit_id))
}

/// Every indicator (cases of every kind, activities) of a unit for a
/// period, from the monthly rollup; each with the address of its records.
#[utoipa::path(get, path = "/api/v1/indicators", params(IndicatorParams), responses((status = 200, body = IndicatorCatalogueDto), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
async fn list_indicators(
    State(s): State<AppState>,
    c: ApiCaller,
    Query(p): Query<IndicatorParams>,
) -> Result<Json<IndicatorCatalogueDto>, ApiError> {
    use crate::routes::indicators as page;
    let q = indicator_query(p);
    let default = default_unit(&s, &c).await?;
    let (config, _) = page::config_of(&q);
    let mut errs = Vec::new();
    let unit = page::unit_of(&q.unit, default).map_err(|e| errs.push(e)).unwrap_or(default);
    let span = page::span_of(&q, s.app.now.today()).map_err(|e| errs.push(e)).ok();
    let Some(span) = span.filter(|_| errs.is_empty()) else {
        return Err(ApiError::from_app(&c.ctx, AppError::Invalid(errs)));
    };
    let subtree = q.subtree == "1" || q.unit.is_empty();
    let cat = s
        .app
        .indicator_catalogue(&c.actor, unit, subtree, span, config)
        .await
        .map_err(|e| ApiError::from_app(&c.ctx, e))?;
    let variants: String = page::config_of(&q).1.iter().map(|ch| format!("&{}={}", ch.0, ch.3)).collect();
    let period = cat.period;
    let groups = cat
        .groups
        .iter()
        .map(|g| IndicatorGroupDto {
            id: g.id.to_owned(),
            name: g.name.to_owned(),
            records: if g.records == fazhi_core::indicator::Records::Activities { "activities" } else { "cases" },
            indicators: g
                .values
                .iter()
                .map(|v| {
                    let records = match fazhi_core::indicator::activity_kind(&v.id) {
                        Some(k) if g.records == fazhi_core::indicator::Records::Activities => {
                            format!("/api/v1{}", page::activities_link(unit, subtree, k.code(), period.from, period.to))
                        }
                        _ => format!(
                            "/api/v1/indicators/{}/records?unit={unit}&subtree={}&from={}&to={}{variants}",
                            v.id,
                            if subtree { "1" } else { "0" },
                            period.from,
                            period.to
                        ),
                    };
                    let (kind, denominator) = match v.value {
                        fazhi_core::procedure::Value::Count { .. } => ("count", None),
                        fazhi_core::procedure::Value::Rate { denominator, .. } => ("rate", Some(denominator)),
                    };
                    IndicatorDto {
                        id: v.id.clone(),
                        name: v.name.clone(),
                        definition: v.definition.clone(),
                        kind,
                        count: v.value.count(),
                        denominator,
                        percent: v.value.percent(),
                        records,
                    }
                })
                .collect(),
        })
        .collect();
    Ok(Json(IndicatorCatalogueDto {
        unit_id: cat.unit_id,
        unit_name: cat.unit_name,
        subtree,
        period: span.code(),
        from: period.from.to_string(),
        to: period.to.to_string(),
        groups,
    }))
}

/// The cases behind one indicator's value, 50 a page, in the caller's scope
/// (an unknown id or a unit outside the scope: 404). An activity indicator
/// answers 303 See Other to `/api/v1/activities?…` (its records are
/// activities), with the address in the body too.
#[utoipa::path(get, path = "/api/v1/indicators/{id}/records", params(("id" = String, Path, description = "indicator id, e.g. reconsideration.received"), IndicatorParams), responses((status = 200, body = IndicatorRecordsDto), (status = 303, body = ActivityRecordsDto), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
async fn indicator_records(
    State(s): State<AppState>,
    c: ApiCaller,
    Path(id): Path<String>,
    Query(p): Query<IndicatorParams>,
) -> Result<Response, ApiError> {
    use crate::routes::indicators as page;
    use fazhi_app::indicators::catalogue::{Part, RecordsAnswer, RecordsQuery};
    let q = indicator_query(p);
    let default = default_unit(&s, &c).await?;
    let (config, _) = page::config_of(&q);
    let mut errs = Vec::new();
    let unit = page::unit_of(&q.unit, default).map_err(|e| errs.push(e)).unwrap_or(default);
    let range = page::range_of(&q, s.app.now.today()).map_err(|e| errs.extend(e)).ok();
    let part = Part::parse(&q.part).map_err(|e| errs.push(e)).unwrap_or_default();
    let page_no = page::page_of(&q.page).map_err(|e| errs.push(e)).unwrap_or(1);
    let Some(range) = range.filter(|_| errs.is_empty()) else {
        return Err(ApiError::from_app(&c.ctx, AppError::Invalid(errs)));
    };
    let subtree = q.subtree == "1";
    let query = RecordsQuery { id, unit_id: unit, subtree, period: range, part, page: page_no, config };
    match s.app.indicator_records(&c.actor, query).await.map_err(|e| ApiError::from_app(&c.ctx, e))? {
        RecordsAnswer::Activities(a) => {
            let location = format!("/api/v1{}", page::activities_link(a.unit_id, subtree, a.kind, a.from, a.to));
            let body = ActivityRecordsDto {
                code: "records_are_activities",
                message: "该指标的记录是活动记录,请查询活动接口".to_owned(),
                location: location.clone(),
            };
            Ok((StatusCode::SEE_OTHER, [(header::LOCATION, location)], Json(body)).into_response())
        }
        RecordsAnswer::Cases(r) => {
            let r = *r;
            let pages = r.pages();
            Ok(Json(IndicatorRecordsDto {
                id: r.id.to_owned(),
                name: r.name.to_owned(),
                definition: r.definition,
                unit_id: r.query.unit_id,
                unit_name: r.unit_name,
                subtree: r.query.subtree,
                from: r.query.period.from.to_string(),
                to: r.query.period.to.to_string(),
                part: r.query.part.code().to_owned(),
                counters: r.counters.iter().map(|c| (*c).to_owned()).collect(),
                counter_names: r.counter_names,
                total: r.total,
                page: r.query.page,
                per_page: r.per_page,
                pages,
                items: r
                    .rows
                    .into_iter()
                    .map(|row| IndicatorRecordDto {
                        href: format!("/api/v1/cases/{}", row.number),
                        case_id: row.case_id,
                        number: row.number,
                        kind: row.kind,
                        kind_zh: row.kind_zh.to_owned(),
                        unit_name: row.unit_name,
                        facts: row
                            .facts
                            .into_iter()
                            .map(|f| IndicatorFactDto {
                                counter: f.counter,
                                counter_name: f.name,
                                on: f.on,
                                amount: f.amount,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .into_response())
        }
    }
}
