//! Path dispatch. Anything that matches no route (including a known path with another
//! method, or `/v1/projects` without the account slug) gets Rails' routing 404.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::response::Response;
use serde_json::json;

use crate::api::{self, Call, Kind};
use crate::oauth;
use crate::params::Params;
use crate::respond;
use crate::state::Shared;

const BODY_LIMIT: usize = 1 << 20;

pub async fn dispatch(State(state): State<Shared>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let Ok(body) = to_bytes(Body::new(body), BODY_LIMIT).await else {
        return respond::empty(StatusCode::PAYLOAD_TOO_LARGE);
    };
    let query = Params::from_query(parts.uri.query());
    // Rails ignores empty segments and a trailing slash.
    let path: Vec<&str> = parts
        .uri
        .path()
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let method = &parts.method;
    let call = Call {
        method,
        headers: &parts.headers,
        query: &query,
        body: &body,
    };
    match (method.clone(), path.as_slice()) {
        (Method::POST, ["oauth", "token"]) => {
            let mut params = query.clone();
            let content_type = parts
                .headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if params.add_body(content_type, &body).is_err() {
                return respond::rails_bad_request();
            }
            oauth::token(&state, &parts.headers, &params)
        }
        (Method::GET, ["oauth", "authorize"]) => oauth::authorize(&state, &query),
        (_, ["slow"]) => slow(&query),
        (Method::GET, ["v1", "me"]) => api::me(&state, &call),
        (Method::GET, [slug, "v1", "projects"]) => api::list(&state, &call, slug, Kind::Projects),
        (Method::POST, [slug, "v1", "projects"]) => {
            api::create(&state, &call, slug, Kind::Projects)
        }
        (Method::GET, [slug, "v1", "projects", id]) => {
            api::show(&state, &call, slug, Kind::Projects, id)
        }
        (Method::PATCH, [slug, "v1", "projects", id]) => {
            api::update_project(&state, &call, slug, id)
        }
        (Method::DELETE, [slug, "v1", "projects", id]) => {
            api::delete_project(&state, &call, slug, id)
        }
        (Method::GET, [slug, "v1", "projects", id, "merge-data"]) => {
            api::merge_data(&state, &call, slug, id).await
        }
        (Method::GET, [slug, "v1", "clients"]) => api::list(&state, &call, slug, Kind::Clients),
        (Method::POST, [slug, "v1", "clients"]) => api::create(&state, &call, slug, Kind::Clients),
        (Method::GET, [slug, "v1", "clients", id]) => {
            api::show(&state, &call, slug, Kind::Clients, id)
        }
        _ => respond::rails_not_found(),
    }
}

/// The wait itself happens in the edge layer (which reads `delay_ms`, 30 s by default
/// here); this only reports how long it was asked to be.
fn slow(query: &Params) -> Response {
    let waited = crate::edge::delay_for("/slow", query).as_millis() as u64;
    respond::with_body(
        StatusCode::OK,
        "application/json; charset=utf-8",
        json!({ "slow": true, "waited_ms": waited }).to_string(),
    )
}
