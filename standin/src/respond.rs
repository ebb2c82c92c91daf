//! Response builders shaped like the libraries behind the real API: Doorkeeper (OAuth
//! errors, `WWW-Authenticate`), JSONAPI::Resources (`{"errors": [...]}` with string codes)
//! and Rails itself (routing errors as `{"status": 404, "error": "Not Found"}`).

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

pub const JSONAPI: &str = "application/vnd.api+json";
const RAILS_JSON: &str = "application/json; charset=utf-8";

pub fn with_body(status: StatusCode, content_type: &str, body: impl Into<Body>) -> Response {
    let mut res = Response::new(body.into());
    *res.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(content_type) {
        res.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    res
}

pub fn empty(status: StatusCode) -> Response {
    let mut res = Response::new(Body::empty());
    *res.status_mut() = status;
    res
}

pub fn set_header(res: &mut Response, name: &'static str, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        res.headers_mut().insert(name, v);
    }
}

pub fn jsonapi(status: StatusCode, body: &Value) -> Response {
    with_body(status, JSONAPI, body.to_string())
}

/// One JSONAPI::Resources error object; `code` and `status` are strings there.
pub fn jr_error(status: StatusCode, code: &str, title: &str, detail: &str) -> Value {
    json!({
        "title": title,
        "detail": detail,
        "code": code,
        "status": status.as_u16().to_string(),
    })
}

pub fn jr_errors(status: StatusCode, errors: Vec<Value>) -> Response {
    jsonapi(status, &json!({ "errors": errors }))
}

pub fn jr_one(status: StatusCode, code: &str, title: &str, detail: &str) -> Response {
    jr_errors(status, vec![jr_error(status, code, title, detail)])
}

/// A Rails model validation error as JSONAPI::Resources renders it.
pub fn validation(message: &str, attribute: &str, pointer: &str) -> Value {
    json!({
        "title": message,
        "detail": format!("{attribute} - {message}"),
        "code": "100",
        "source": { "pointer": pointer },
        "status": "422",
    })
}

pub fn record_not_found(id: &str) -> Response {
    jr_one(
        StatusCode::NOT_FOUND,
        "404",
        "Record not found",
        &format!("The record identified by {id} could not be found."),
    )
}

pub fn forbidden() -> Response {
    jr_one(
        StatusCode::FORBIDDEN,
        "403",
        "Forbidden",
        "You are not allowed to perform this action.",
    )
}

pub fn bad_request(code: &str, title: &str, detail: &str) -> Response {
    jr_one(StatusCode::BAD_REQUEST, code, title, detail)
}

/// What Rails answers for a path no route matches, before any controller runs.
pub fn rails_not_found() -> Response {
    rails_error(StatusCode::NOT_FOUND, "Not Found")
}

/// What Rails answers when the body cannot be parsed, before any controller runs.
pub fn rails_bad_request() -> Response {
    rails_error(StatusCode::BAD_REQUEST, "Bad Request")
}

fn rails_error(status: StatusCode, error: &str) -> Response {
    let body = json!({ "status": status.as_u16(), "error": error });
    with_body(status, RAILS_JSON, body.to_string())
}

fn doorkeeper_challenge(error: &str, description: &str) -> String {
    format!(r#"Bearer realm="Doorkeeper", error="{error}", error_description="{description}""#)
}

fn no_store(res: &mut Response) {
    set_header(res, "cache-control", "no-store");
    set_header(res, "pragma", "no-cache");
}

/// A token-endpoint error: JSON body plus the same facts in `WWW-Authenticate`.
pub fn oauth_error(error: &str, description: &str) -> Response {
    let status = if error == "invalid_client" {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::BAD_REQUEST
    };
    let body = json!({ "error": error, "error_description": description });
    let mut res = with_body(status, RAILS_JSON, body.to_string());
    no_store(&mut res);
    set_header(
        &mut res,
        "www-authenticate",
        &doorkeeper_challenge(error, description),
    );
    res
}

pub fn oauth_success(body: &Value) -> Response {
    let mut res = with_body(StatusCode::OK, RAILS_JSON, body.to_string());
    no_store(&mut res);
    res
}

/// Doorkeeper's `head :unauthorized`: no body at all, the reason only in the header.
pub fn invalid_token(description: &str) -> Response {
    let mut res = empty(StatusCode::UNAUTHORIZED);
    no_store(&mut res);
    set_header(
        &mut res,
        "www-authenticate",
        &doorkeeper_challenge("invalid_token", description),
    );
    res
}

/// Doorkeeper's answer for a valid token lacking a scope the action needs.
pub fn insufficient_scope(scope: &str) -> Response {
    let mut res = empty(StatusCode::FORBIDDEN);
    no_store(&mut res);
    set_header(
        &mut res,
        "www-authenticate",
        &doorkeeper_challenge(
            "insufficient_scope",
            &format!("Access to this resource requires scope \"{scope}\"."),
        ),
    );
    res
}

/// The page nginx serves when the upstream app does not answer in time.
pub fn gateway_timeout() -> Response {
    let html = "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n\
                <center><h1>504 Gateway Time-out</h1></center>\r\n\
                <hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    let mut res = with_body(StatusCode::GATEWAY_TIMEOUT, "text/html", html);
    set_header(&mut res, "server", "nginx");
    res.extensions_mut().insert(GatewayPage);
    res
}

/// Marks a response as produced by the "gateway", not the app, so the CORS layer can
/// leave it bare when `--gateway-without-cors` asks for realism.
#[derive(Debug, Clone, Copy)]
pub struct GatewayPage;
