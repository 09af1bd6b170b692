//! The public portal (政务公开): what the law says must be public.

use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{html, Layout, PortalPage};
use crate::AppState;
use axum::extract::State;
use axum::response::Response;
use fazhi_core::org::UnitPath;
use fazhi_store::units;

/// The portal's home page: sections and the public directory of units.
pub async fn home(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let pool = state.app.store.pool();
    let regions = units::list_regions(pool).await.map_err(fazhi_app::AppError::from)?;
    let all = units::list(pool, &UnitPath::everything()).await.map_err(fazhi_app::AppError::from)?;
    let region_name = regions.first().map(|r| r.name.clone()).unwrap_or_else(|| "本级政府".to_owned());
    let page = PortalPage {
        layout: Layout::new("政务公开", &ctx, "portal"),
        region_name,
        units: all
            .into_iter()
            .filter(|u| u.active && u.kind != fazhi_core::org::UnitKind::Internal)
            .map(|u| (u.name, u.kind.label().to_owned()))
            .collect(),
    };
    Ok(html(&page))
}
