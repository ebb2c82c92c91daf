//! What wraps every route: CORS for the allowed browser origins, the artificial
//! `delay_ms` wait, a request id, and a one-line access log on stderr.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::params::Params;
use crate::respond::{self, set_header, GatewayPage};
use crate::state::Shared;
use crate::store::random_token;

pub const MAX_DELAY: Duration = Duration::from_secs(60);
const SLOW_DEFAULT: Duration = Duration::from_secs(30);

/// `?delay_ms=N` on any route, capped at a minute; `/slow` waits 30 s when not told.
pub fn delay_for(path: &str, query: &Params) -> Duration {
    let asked = query
        .get("delay_ms")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_millis);
    let default = if path.trim_end_matches('/') == "/slow" {
        SLOW_DEFAULT
    } else {
        Duration::ZERO
    };
    asked.unwrap_or(default).min(MAX_DELAY)
}

pub async fn edge(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let allowed = origin.filter(|o| {
        state.cfg.allow_origins.iter().any(|a| a == o)
            && !state.cfg.refuse_origins.iter().any(|r| r == o)
    });
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let is_preflight = method == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);

    let mut res = if is_preflight && allowed.is_some() {
        // Preflights are answered here and never delayed, so `delay_ms` slows only the
        // real request a browser sends after it.
        let mut res = respond::empty(StatusCode::NO_CONTENT);
        set_header(
            &mut res,
            "access-control-allow-methods",
            "GET, POST, PATCH, DELETE, OPTIONS",
        );
        set_header(
            &mut res,
            "access-control-allow-headers",
            "Authorization, Accept, Content-Type",
        );
        set_header(&mut res, "access-control-max-age", "7200");
        res
    } else {
        let query = Params::from_query(req.uri().query());
        let delay = delay_for(&path, &query);
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        next.run(req).await
    };

    let bare_gateway =
        state.cfg.gateway_without_cors && res.extensions().get::<GatewayPage>().is_some();
    if let Some(origin) = allowed.filter(|_| !bare_gateway) {
        set_header(&mut res, "access-control-allow-origin", &origin);
        set_header(
            &mut res,
            "access-control-expose-headers",
            "WWW-Authenticate, X-Request-Id",
        );
        set_header(&mut res, "vary", "Origin");
    }
    if !res.headers().contains_key("x-request-id") {
        let id = random_token();
        set_header(&mut res, "x-request-id", id.get(..32).unwrap_or(&id));
    }
    eprintln!("{method} {path} -> {}", res.status().as_u16());
    res
}
