//! Attachments of cases and activities, and documents published on the portal.
//!
//! Attachments are append-only: a wrong file is superseded by a new one,
//! never replaced, so the history of a case stays what it was (an activity
//! deleted as entered in error takes its files with it, audited, see
//! `crate::activities::delete`). A case's files live in `case_attachments`,
//! an activity's in `activity_attachments` (migration 0014), both read and
//! written here through their [`Owner`]. Published documents (复议决定书)
//! are stored as published, with personal data already masked by the
//! caller; the portal reads only this table. All are tenant rows of their
//! owner's region (migration 0011).

use crate::queries;
use crate::{ids, ts, StoreError, WriteTx};
use fazhi_core::audit::AuditAction;
use serde::Serialize;
use sqlx::AnyPool;

/// What an attachment hangs on: a case or an activity, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Case(i64),
    Activity(i64),
}

impl Owner {
    /// The owner's id.
    pub fn id(self) -> i64 {
        match self {
            Owner::Case(id) | Owner::Activity(id) => id,
        }
    }

    /// The table of its attachments.
    pub(crate) fn table(self) -> &'static str {
        match self {
            Owner::Case(_) => "case_attachments",
            Owner::Activity(_) => "activity_attachments",
        }
    }

    /// The column naming the owner in that table.
    pub(crate) fn column(self) -> &'static str {
        match self {
            Owner::Case(_) => "case_id",
            Owner::Activity(_) => "activity_id",
        }
    }
}

/// An attachment without its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AttachmentMeta {
    pub region_code: String,
    pub id: i64,
    /// The case or activity it hangs on.
    pub owner_id: i64,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub note: String,
    pub uploaded_at: String,
    pub uploaded_by: String,
}

/// A new attachment.
#[derive(Debug, Clone)]
pub struct NewAttachment {
    pub filename: String,
    pub content_type: String,
    pub content: Vec<u8>,
    pub sha256: String,
    pub note: String,
}

/// Stores an attachment of a case or an activity of `region` (audited:
/// the owner, name, size and digest, not the content).
pub async fn attach(
    tx: &mut WriteTx,
    region: &str,
    unit_path: &str,
    owner: Owner,
    a: &NewAttachment,
) -> Result<i64, StoreError> {
    let at = ts(tx.at());
    let by = tx.actor().username.clone();
    let size = i64::try_from(a.content.len()).unwrap_or(i64::MAX);
    let id = ids::next_id();
    sqlx::query(&format!(
        "INSERT INTO {} (region_code, id, {}, filename, content_type, size, sha256, content, note, \
         uploaded_at, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        owner.table(),
        owner.column()
    ))
    .bind(region)
    .bind(id)
    .bind(owner.id())
    .bind(&a.filename)
    .bind(&a.content_type)
    .bind(size)
    .bind(&a.sha256)
    .bind(&a.content)
    .bind(&a.note)
    .bind(&at)
    .bind(&by)
    .execute(&mut *tx.tx)
    .await?;
    let mut audited = serde_json::Map::new();
    audited.insert(owner.column().to_owned(), owner.id().into());
    audited.insert("filename".to_owned(), a.filename.clone().into());
    audited.insert("size".to_owned(), size.into());
    audited.insert("sha256".to_owned(), a.sha256.clone().into());
    tx.audit(region, AuditAction::Create, "attachment", &id.to_string(), Some(unit_path), None::<&()>, Some(&audited))
        .await?;
    Ok(id)
}

/// The attachments of a case or an activity of `region`, oldest first.
pub async fn attachments(pool: &AnyPool, region: &str, owner: Owner) -> Result<Vec<AttachmentMeta>, StoreError> {
    Ok(queries::attachments_of(region, owner).query_as().fetch_all(pool).await?)
}

/// One attachment of a case or an activity of `region`, with its content.
pub async fn attachment(
    pool: &AnyPool,
    region: &str,
    owner: Owner,
    id: i64,
) -> Result<(AttachmentMeta, Vec<u8>), StoreError> {
    let meta: AttachmentMeta = queries::attachment_of(region, owner, id, false)
        .query_as()
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound)?;
    let content: Vec<u8> = queries::attachment_of(region, owner, id, true).query_scalar().fetch_one(pool).await?;
    Ok((meta, content))
}

/// A document as published on the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct PublishedDocument {
    pub region_code: String,
    pub id: i64,
    pub case_id: i64,
    pub title: String,
    pub body: String,
    pub unit_name: String,
    pub decided_on: String,
    pub published_at: String,
    /// Set when the document was withdrawn (the row is never deleted).
    pub withdrawn_at: Option<String>,
    pub withdrawn_reason: Option<String>,
}

/// Publishes the document of a case of `region` (one per case). The body
/// must already be masked.
#[allow(clippy::too_many_arguments)]
pub async fn publish(
    tx: &mut WriteTx,
    region: &str,
    unit_path: &str,
    case_id: i64,
    title: &str,
    body: &str,
    unit_name: &str,
    decided_on: &str,
) -> Result<i64, StoreError> {
    let exists: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM published_documents WHERE region_code = $1 AND case_id = $2")
            .bind(region)
            .bind(case_id)
            .fetch_one(&mut *tx.tx)
            .await?;
    if exists > 0 {
        return Err(StoreError::Conflict { constraint: "published_documents.case_id".to_owned() });
    }
    let at = ts(tx.at());
    let id = ids::next_id();
    sqlx::query(
        "INSERT INTO published_documents (region_code, id, case_id, title, body, unit_name, decided_on, published_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(region)
    .bind(id)
    .bind(case_id)
    .bind(title)
    .bind(body)
    .bind(unit_name)
    .bind(decided_on)
    .bind(&at)
    .execute(&mut *tx.tx)
    .await?;
    #[derive(Serialize)]
    struct Audited<'a> {
        case_id: i64,
        title: &'a str,
        body: &'a str,
    }
    tx.audit(
        region,
        AuditAction::Create,
        "published_document",
        &id.to_string(),
        Some(unit_path),
        None::<&()>,
        Some(&Audited { case_id, title, body }),
    )
    .await?;
    Ok(id)
}

/// Withdraws a published document with a reason: the portal stops showing it,
/// the row and its text stay, the audit entry records who, when and why.
/// `Conflict` if it was already withdrawn.
pub async fn withdraw(
    tx: &mut WriteTx,
    region: &str,
    unit_path: &str,
    id: i64,
    reason: &str,
) -> Result<(), StoreError> {
    let at = ts(tx.at());
    let changed = sqlx::query(
        "UPDATE published_documents SET withdrawn_at = $1, withdrawn_reason = $2 \
         WHERE region_code = $3 AND id = $4 AND withdrawn_at IS NULL",
    )
    .bind(&at)
    .bind(reason)
    .bind(region)
    .bind(id)
    .execute(&mut *tx.tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(StoreError::Conflict { constraint: "published_documents.withdrawn_at".to_owned() });
    }
    #[derive(Serialize)]
    struct Withdrawn<'a> {
        withdrawn_at: &'a str,
        reason: &'a str,
    }
    tx.audit(
        region,
        AuditAction::Update,
        "published_document",
        &id.to_string(),
        Some(unit_path),
        None::<&()>,
        Some(&Withdrawn { withdrawn_at: &at, reason }),
    )
    .await?;
    Ok(())
}

/// The columns of a published document joined with its case (`d`, `c`).
const DOC_COLUMNS_D: &str =
    "d.region_code, d.id, d.case_id, d.title, d.body, d.unit_name, d.decided_on, d.published_at, \
    d.withdrawn_at, d.withdrawn_reason";

/// Published documents of the cases of `kind` (复议 decisions, proposal
/// replies), newest first, `limit` from `offset`.
pub async fn published(
    pool: &AnyPool,
    kind: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<PublishedDocument>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {DOC_COLUMNS_D} FROM published_documents d \
         JOIN cases c ON c.region_code = d.region_code AND c.id = d.case_id \
         WHERE d.withdrawn_at IS NULL AND c.kind = $1 ORDER BY d.decided_on DESC, d.id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(kind)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?)
}

/// One published document by id, if it belongs to a case of `kind`.
pub async fn published_one(pool: &AnyPool, kind: &str, id: i64) -> Result<PublishedDocument, StoreError> {
    sqlx::query_as(&format!(
        "SELECT {DOC_COLUMNS_D} FROM published_documents d JOIN cases c ON c.region_code = d.region_code \
         AND c.id = d.case_id WHERE d.id = $1 AND c.kind = $2"
    ))
    .bind(id)
    .bind(kind)
    .fetch_optional(pool)
    .await?
    .ok_or(StoreError::NotFound)
}

/// The published document of a case of `region`, if any.
pub async fn published_of_case(
    pool: &AnyPool,
    region: &str,
    case_id: i64,
) -> Result<Option<PublishedDocument>, StoreError> {
    Ok(queries::published_of_case(region, case_id).query_as().fetch_optional(pool).await?)
}
