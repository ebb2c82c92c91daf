//! The ScopeStack resources: `/v1/me`, projects, clients and merge data, behind
//! Doorkeeper's token check and JSONAPI::Resources' header, parameter and body rules.
//!
//! Order of checks, first failure wins: token (401, or 403 insufficient_scope on a write
//! with a read-only token), `Accept` (406), `Content-Type` on POST/PATCH (415), account
//! slug (404 unknown, 403 not the token's account), write permission (403 read-only
//! user), query parameters (400), record (404 nowhere, 403 in another account), body
//! (400 / 422).

// Every refusal is a finished HTTP response, built once on a cold path, and axum handlers
// return `Result<_, Response>` the same way; boxing each one would only add noise.
#![allow(
    clippy::result_large_err,
    reason = "refusals are whole responses, built once per request"
)]

use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::Response;
use serde_json::{json, Map, Value};

use crate::params::{media_type, Params};
use crate::respond::{self, jr_error, validation, JSONAPI};
use crate::state::AppState;
use crate::store::{iso8601, now_ms, Customer, Project, Store, User};

/// What a request carries, already split out by the router.
pub struct Call<'a> {
    pub method: &'a Method,
    pub headers: &'a HeaderMap,
    pub query: &'a Params,
    pub body: &'a [u8],
}

/// The token's user after every header check passed.
struct Caller {
    user: User,
}

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Doorkeeper's `doorkeeper_authorize!`: the bearer token from the header (or the
/// `access_token` parameter), then revoked before expired before unknown.
fn authenticate(store: &Store, call: &Call, write: bool) -> Result<User, Response> {
    let from_header = header_str(call.headers, header::AUTHORIZATION).and_then(|v| {
        let prefix = v.get(..7)?;
        prefix.eq_ignore_ascii_case("bearer ").then(|| &v[7..])
    });
    let token_text = from_header
        .or_else(|| call.query.present("access_token"))
        .or_else(|| call.query.present("bearer_token"));
    // Doorkeeper answers a missing token exactly like an unknown one.
    let Some(token) = token_text.and_then(|t| store.tokens.get(t)) else {
        return Err(respond::invalid_token("The access token is invalid"));
    };
    if token.revoked {
        return Err(respond::invalid_token("The access token was revoked"));
    }
    if token.expired(now_ms()) {
        return Err(respond::invalid_token("The access token expired"));
    }
    if write && !token.scopes.split(' ').any(|s| s == "write") {
        return Err(respond::insufficient_scope("write"));
    }
    store
        .user(token.user_id)
        .cloned()
        .ok_or_else(|| respond::invalid_token("The access token is invalid"))
}

/// JSONAPI::Resources accepts a missing Accept, `*/*`, or the exact media type among the
/// listed ones; anything else (`application/json`, the media type with parameters) is 406.
fn check_accept(headers: &HeaderMap) -> Result<(), Response> {
    let accept = header_str(headers, header::ACCEPT).unwrap_or("");
    let ok = accept.trim().is_empty()
        || accept
            .split(',')
            .map(str::trim)
            .any(|m| m == JSONAPI || m.starts_with("*/*"));
    if ok {
        return Ok(());
    }
    Err(respond::jr_one(
        StatusCode::NOT_ACCEPTABLE,
        "406",
        "Not acceptable",
        &format!(
            "All requests must use the '{JSONAPI}' Accept without media type parameters. This request specified '{accept}'."
        ),
    ))
}

fn check_content_type(headers: &HeaderMap) -> Result<(), Response> {
    let media = media_type(header_str(headers, header::CONTENT_TYPE).unwrap_or(""));
    if media == JSONAPI {
        return Ok(());
    }
    Err(respond::jr_one(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "415",
        "Unsupported media type",
        &format!(
            "All requests that create or update must use the '{JSONAPI}' Content-Type. This request specified '{media}'."
        ),
    ))
}

/// Token, headers, account and role, in the order the real controllers check them.
fn gate(store: &Store, call: &Call, slug: Option<&str>) -> Result<(Caller, u64), Response> {
    let write = !matches!(*call.method, Method::GET | Method::HEAD);
    let user = authenticate(store, call, write)?;
    check_accept(call.headers)?;
    if matches!(*call.method, Method::POST | Method::PATCH) {
        check_content_type(call.headers)?;
    }
    let account_id = match slug {
        None => user.account_id,
        Some(slug) => {
            let Some(account) = store.account_by_slug(slug) else {
                return Err(respond::record_not_found(slug));
            };
            if account.id != user.account_id {
                return Err(respond::forbidden());
            }
            account.id
        }
    };
    if write && !user.can_write {
        return Err(respond::forbidden());
    }
    Ok((Caller { user }, account_id))
}

pub fn me(state: &AppState, call: &Call) -> Response {
    let store = state.store();
    let (caller, _) = match gate(&store, call, None) {
        Ok(v) => v,
        Err(res) => return res,
    };
    let user = caller.user;
    let slug = store
        .account(user.account_id)
        .map(|a| a.slug.clone())
        .unwrap_or_default();
    respond::jsonapi(
        StatusCode::OK,
        &json!({
            "data": {
                "id": user.id.to_string(),
                "type": "users",
                "links": { "self": format!("{}/v1/me", state.base) },
                "attributes": {
                    "name": user.name,
                    "email": user.email,
                    "account-slug": slug,
                    "account-id": user.account_id,
                }
            }
        }),
    )
}

/// Which collection a path names; each has its own filters, sorts and attributes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Projects,
    Clients,
}

impl Kind {
    fn type_name(self) -> &'static str {
        match self {
            Kind::Projects => "projects",
            Kind::Clients => "clients",
        }
    }
    fn filters(self) -> &'static [&'static str] {
        match self {
            Kind::Projects => &["id", "name", "client"],
            Kind::Clients => &["id", "name"],
        }
    }
    fn sorts(self) -> &'static [&'static str] {
        match self {
            Kind::Projects => &["id", "name", "created-at", "updated-at"],
            Kind::Clients => &["id", "name", "created-at"],
        }
    }
    fn includes(self) -> &'static [&'static str] {
        match self {
            Kind::Projects => &["client"],
            Kind::Clients => &[],
        }
    }
}

/// An `id` or attribute value a record is compared with when filtering and sorting.
fn field(store: &Store, kind: Kind, id: u64, name: &str) -> String {
    match kind {
        Kind::Projects => store
            .projects
            .iter()
            .find(|p| p.id == id)
            .map(|p| match name {
                "id" => p.id.to_string(),
                "name" => p.name.clone(),
                "client" => p.client_id.to_string(),
                "created-at" => p.created_at.clone(),
                _ => p.updated_at.clone(),
            }),
        Kind::Clients => store
            .customers
            .iter()
            .find(|c| c.id == id)
            .map(|c| match name {
                "id" => c.id.to_string(),
                "name" => c.name.clone(),
                _ => c.created_at.clone(),
            }),
    }
    .unwrap_or_default()
}

pub fn list(state: &AppState, call: &Call, slug: &str, kind: Kind) -> Response {
    let store = state.store();
    let (_, account_id) = match gate(&store, call, Some(slug)) {
        Ok(v) => v,
        Err(res) => return res,
    };
    let mut includes: Vec<&str> = Vec::new();
    if let Some(text) = call.query.get("include") {
        for rel in text.split(',').map(str::trim).filter(|r| !r.is_empty()) {
            if !kind.includes().contains(&rel) {
                return respond::bad_request(
                    "112",
                    "Invalid field",
                    &format!("{rel} is not a valid relationship of {}", kind.type_name()),
                );
            }
            includes.push(rel);
        }
    }
    let mut filters: Vec<(&str, Vec<&str>)> = Vec::new();
    for (key, value) in call.query.iter() {
        let Some(name) = key
            .strip_prefix("filter[")
            .and_then(|k| k.strip_suffix(']'))
        else {
            continue;
        };
        if !kind.filters().contains(&name) {
            return respond::bad_request(
                "102",
                "Filter not allowed",
                &format!("{name} is not allowed."),
            );
        }
        filters.push((name, value.split(',').map(str::trim).collect()));
    }
    let mut sorts: Vec<(&str, bool)> = Vec::new();
    if let Some(text) = call.query.get("sort") {
        for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (name, desc) = match item.strip_prefix('-') {
                Some(n) => (n, true),
                None => (item, false),
            };
            if !kind.sorts().contains(&name) {
                return respond::bad_request(
                    "114",
                    "Invalid sort criteria",
                    &format!(
                        "{name} is not a valid sort criteria for {}",
                        kind.type_name()
                    ),
                );
            }
            sorts.push((name, desc));
        }
    }
    let mut ids: Vec<u64> = match kind {
        Kind::Projects => store
            .projects
            .iter()
            .filter(|p| p.account_id == account_id)
            .map(|p| p.id)
            .collect(),
        Kind::Clients => store
            .customers
            .iter()
            .filter(|c| c.account_id == account_id)
            .map(|c| c.id)
            .collect(),
    };
    ids.retain(|id| {
        filters
            .iter()
            .all(|(name, values)| values.contains(&field(&store, kind, *id, name).as_str()))
    });
    ids.sort_by(|a, b| {
        for (name, desc) in &sorts {
            let (x, y) = (field(&store, kind, *a, name), field(&store, kind, *b, name));
            let ord = if *name == "id" { a.cmp(b) } else { x.cmp(&y) };
            let ord = if *desc { ord.reverse() } else { ord };
            if ord.is_ne() {
                return ord;
            }
        }
        a.cmp(b)
    });
    let data: Vec<Value> = ids
        .iter()
        .filter_map(|id| render(state, &store, kind, *id, slug))
        .collect();
    let mut doc = json!({ "data": data });
    if includes.contains(&"client") {
        let mut client_ids: Vec<u64> = ids
            .iter()
            .filter_map(|id| {
                store
                    .projects
                    .iter()
                    .find(|p| p.id == *id)
                    .map(|p| p.client_id)
            })
            .collect();
        client_ids.sort_unstable();
        client_ids.dedup();
        let included: Vec<Value> = client_ids
            .iter()
            .filter_map(|id| render(state, &store, Kind::Clients, *id, slug))
            .collect();
        doc["included"] = Value::Array(included);
    }
    respond::jsonapi(StatusCode::OK, &doc)
}

fn render(state: &AppState, store: &Store, kind: Kind, id: u64, slug: &str) -> Option<Value> {
    match kind {
        Kind::Projects => store
            .projects
            .iter()
            .find(|p| p.id == id)
            .map(|p| project_json(state, p, slug)),
        Kind::Clients => store
            .customers
            .iter()
            .find(|c| c.id == id)
            .map(|c| client_json(state, c, slug)),
    }
}

fn project_json(state: &AppState, p: &Project, slug: &str) -> Value {
    let me = format!("{}/{slug}/v1/projects/{}", state.base, p.id);
    json!({
        "id": p.id.to_string(),
        "type": "projects",
        "links": { "self": me },
        "attributes": {
            "name": p.name,
            "service-location-count": p.service_locations,
            "created-at": p.created_at,
            "updated-at": p.updated_at,
        },
        "relationships": {
            "client": {
                "links": {
                    "self": format!("{me}/relationships/client"),
                    "related": format!("{me}/client"),
                },
                "data": { "type": "clients", "id": p.client_id.to_string() },
            }
        }
    })
}

fn client_json(state: &AppState, c: &Customer, slug: &str) -> Value {
    json!({
        "id": c.id.to_string(),
        "type": "clients",
        "links": { "self": format!("{}/{slug}/v1/clients/{}", state.base, c.id) },
        "attributes": { "name": c.name, "created-at": c.created_at },
    })
}

/// Finds a record for this account: 404 when it exists nowhere, 403 when it exists in
/// another account (the "resource belongs to a different account" case of the article).
fn locate(store: &Store, kind: Kind, id_text: &str, account_id: u64) -> Result<u64, Response> {
    let owner = id_text.parse::<u64>().ok().and_then(|id| match kind {
        Kind::Projects => store
            .projects
            .iter()
            .find(|p| p.id == id)
            .map(|p| (id, p.account_id)),
        Kind::Clients => store
            .customers
            .iter()
            .find(|c| c.id == id)
            .map(|c| (id, c.account_id)),
    });
    match owner {
        None => Err(respond::record_not_found(id_text)),
        Some((_, owner)) if owner != account_id => Err(respond::forbidden()),
        Some((id, _)) => Ok(id),
    }
}

pub fn show(state: &AppState, call: &Call, slug: &str, kind: Kind, id_text: &str) -> Response {
    let store = state.store();
    let result = gate(&store, call, Some(slug))
        .and_then(|(_, account_id)| locate(&store, kind, id_text, account_id));
    match result {
        Ok(id) => match render(state, &store, kind, id, slug) {
            Some(data) => respond::jsonapi(StatusCode::OK, &json!({ "data": data })),
            None => respond::record_not_found(id_text),
        },
        Err(res) => res,
    }
}

pub fn delete_project(state: &AppState, call: &Call, slug: &str, id_text: &str) -> Response {
    let mut store = state.store();
    let result = gate(&store, call, Some(slug))
        .and_then(|(_, account_id)| locate(&store, Kind::Projects, id_text, account_id));
    match result {
        Ok(id) => {
            store.projects.retain(|p| p.id != id);
            respond::empty(StatusCode::NO_CONTENT)
        }
        Err(res) => res,
    }
}

/// The `data` member of a create or update body, checked the way JSONAPI::Resources
/// parses it: shape, type, key, then attribute and relationship names.
struct Parsed {
    attributes: Map<String, Value>,
    relationships: Map<String, Value>,
}

fn parse_body(
    body: &[u8],
    kind: Kind,
    url_id: Option<&str>,
    attrs: &[&str],
    rels: &[&str],
) -> Result<Parsed, Response> {
    let doc: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        serde_json::from_slice(body).map_err(|_| respond::rails_bad_request())?
    };
    let Some(data) = doc.get("data").filter(|d| !d.is_null()) else {
        return Err(respond::bad_request(
            "106",
            "Missing Parameter",
            "The required parameter, data, is missing.",
        ));
    };
    let Value::Object(data) = data else {
        return Err(respond::bad_request(
            "122",
            "Invalid data format",
            "Data must be a hash.",
        ));
    };
    match data.get("type").and_then(Value::as_str) {
        None => {
            return Err(respond::bad_request(
                "106",
                "Missing Parameter",
                "The required parameter, type, is missing.",
            ))
        }
        Some(t) if t != kind.type_name() => {
            return Err(respond::bad_request(
                "101",
                "Invalid resource",
                &format!("{t} is not a valid resource."),
            ))
        }
        Some(_) => {}
    }
    if let Some(url_id) = url_id {
        let key = match data.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => {
                return Err(respond::bad_request(
                    "109",
                    "A key is required",
                    "The resource object does not contain a key.",
                ))
            }
        };
        if key != url_id {
            return Err(respond::bad_request(
                "110",
                "Key is not included in URL",
                &format!("The URL does not support the key {key}"),
            ));
        }
    }
    let section = |name: &str| match data.get(name) {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(m)) => Ok(m.clone()),
        Some(_) => Err(respond::bad_request(
            "122",
            "Invalid data format",
            "Data must be a hash.",
        )),
    };
    let attributes = section("attributes")?;
    let relationships = section("relationships")?;
    let unknown: Vec<Value> = attributes
        .keys()
        .filter(|k| !attrs.contains(&k.as_str()))
        .chain(relationships.keys().filter(|k| !rels.contains(&k.as_str())))
        .map(|k| {
            jr_error(
                StatusCode::BAD_REQUEST,
                "105",
                "Param not allowed",
                &format!("{k} is not allowed."),
            )
        })
        .collect();
    if !unknown.is_empty() {
        return Err(respond::jr_errors(StatusCode::BAD_REQUEST, unknown));
    }
    Ok(Parsed {
        attributes,
        relationships,
    })
}

/// Rails' presence and (case-insensitive) uniqueness validations of `name`.
fn check_name(name: Option<&Value>, taken: impl Fn(&str) -> bool, errors: &mut Vec<Value>) {
    let text = match name {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    if text.is_empty() {
        errors.push(validation(
            "can't be blank",
            "name",
            "/data/attributes/name",
        ));
    } else if taken(&text.to_lowercase()) {
        errors.push(validation(
            "has already been taken",
            "name",
            "/data/attributes/name",
        ));
    }
}

/// `relationships.client` must name a client of this account; a client of another
/// account is as absent as a missing one (Rails' "must exist").
fn check_client(
    store: &Store,
    rels: &Map<String, Value>,
    account_id: u64,
    required: bool,
    errors: &mut Vec<Value>,
) -> Option<u64> {
    let Some(rel) = rels.get("client") else {
        if required {
            errors.push(validation(
                "must exist",
                "client",
                "/data/relationships/client",
            ));
        }
        return None;
    };
    let id = rel
        .get("data")
        .and_then(|d| d.get("id"))
        .and_then(|id| match id {
            Value::String(s) => s.parse::<u64>().ok(),
            Value::Number(n) => n.as_u64(),
            _ => None,
        });
    let found = id.filter(|id| {
        store
            .customers
            .iter()
            .any(|c| c.id == *id && c.account_id == account_id)
    });
    if found.is_none() {
        errors.push(validation(
            "must exist",
            "client",
            "/data/relationships/client",
        ));
    }
    found
}

fn location_count(value: Option<&Value>) -> Result<Option<u64>, Response> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_u64()
            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            .map(Some)
            .ok_or_else(|| {
                let shown = v
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| v.to_string());
                respond::bad_request(
                    "103",
                    "Invalid field value",
                    &format!("{shown} is not a valid value for service-location-count."),
                )
            }),
    }
}

pub fn create(state: &AppState, call: &Call, slug: &str, kind: Kind) -> Response {
    let mut store = state.store();
    let (_, account_id) = match gate(&store, call, Some(slug)) {
        Ok(v) => v,
        Err(res) => return res,
    };
    let (attrs, rels): (&[&str], &[&str]) = match kind {
        Kind::Projects => (&["name", "service-location-count"], &["client"]),
        Kind::Clients => (&["name"], &[]),
    };
    let parsed = match parse_body(call.body, kind, None, attrs, rels) {
        Ok(p) => p,
        Err(res) => return res,
    };
    let locations = match location_count(parsed.attributes.get("service-location-count")) {
        Ok(n) => n.unwrap_or(0),
        Err(res) => return res,
    };
    let mut errors = Vec::new();
    let name_value = parsed.attributes.get("name");
    let client_id = match kind {
        Kind::Projects => {
            let taken = |n: &str| {
                store
                    .projects
                    .iter()
                    .any(|p| p.account_id == account_id && p.name.to_lowercase() == n)
            };
            check_name(name_value, taken, &mut errors);
            check_client(&store, &parsed.relationships, account_id, true, &mut errors)
        }
        Kind::Clients => {
            let taken = |n: &str| {
                store
                    .customers
                    .iter()
                    .any(|c| c.account_id == account_id && c.name.to_lowercase() == n)
            };
            check_name(name_value, taken, &mut errors);
            None
        }
    };
    if !errors.is_empty() {
        return respond::jr_errors(StatusCode::UNPROCESSABLE_ENTITY, errors);
    }
    let name = name_value
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_string();
    let id = store.fresh_id();
    let stamp = iso8601(now_ms());
    let data = match kind {
        Kind::Projects => {
            let p = Project {
                id,
                account_id,
                name,
                client_id: client_id.unwrap_or(0),
                service_locations: locations,
                created_at: stamp.clone(),
                updated_at: stamp,
            };
            let v = project_json(state, &p, slug);
            store.projects.push(p);
            v
        }
        Kind::Clients => {
            let c = Customer {
                id,
                account_id,
                name,
                created_at: stamp,
            };
            let v = client_json(state, &c, slug);
            store.customers.push(c);
            v
        }
    };
    respond::jsonapi(StatusCode::CREATED, &json!({ "data": data }))
}

pub fn update_project(state: &AppState, call: &Call, slug: &str, id_text: &str) -> Response {
    let mut store = state.store();
    let located = gate(&store, call, Some(slug)).and_then(|(_, account_id)| {
        locate(&store, Kind::Projects, id_text, account_id).map(|id| (id, account_id))
    });
    let (id, account_id) = match located {
        Ok(v) => v,
        Err(res) => return res,
    };
    let parsed = match parse_body(
        call.body,
        Kind::Projects,
        Some(id_text),
        &["name", "service-location-count"],
        &["client"],
    ) {
        Ok(p) => p,
        Err(res) => return res,
    };
    let locations = match location_count(parsed.attributes.get("service-location-count")) {
        Ok(n) => n,
        Err(res) => return res,
    };
    let mut errors = Vec::new();
    let name_value = parsed.attributes.get("name");
    if parsed.attributes.contains_key("name") {
        let taken = |n: &str| {
            store
                .projects
                .iter()
                .any(|p| p.id != id && p.account_id == account_id && p.name.to_lowercase() == n)
        };
        check_name(name_value, taken, &mut errors);
    }
    let client_id = check_client(
        &store,
        &parsed.relationships,
        account_id,
        false,
        &mut errors,
    );
    if !errors.is_empty() {
        return respond::jr_errors(StatusCode::UNPROCESSABLE_ENTITY, errors);
    }
    let Some(project) = store.projects.iter_mut().find(|p| p.id == id) else {
        return respond::record_not_found(id_text);
    };
    if let Some(name) = name_value.and_then(Value::as_str) {
        project.name = name.trim().to_string();
    }
    if let Some(n) = locations {
        project.service_locations = n;
    }
    if let Some(c) = client_id {
        project.client_id = c;
    }
    project.updated_at = iso8601(now_ms());
    let data = project_json(state, project, slug);
    respond::jsonapi(StatusCode::OK, &json!({ "data": data }))
}

/// Merge data. The v1 format on a project with 20 or more service locations runs past
/// the gateway's timeout, so the caller gets nginx's 504 page (after a short wait that
/// stands in for the real minute); `version=2` answers at once.
pub async fn merge_data(state: &AppState, call: &Call<'_>, slug: &str, id_text: &str) -> Response {
    let outcome = {
        let store = state.store();
        gate(&store, call, Some(slug))
            .and_then(|(_, account_id)| locate(&store, Kind::Projects, id_text, account_id))
            .and_then(|id| merge_document(state, &store, call.query, id, slug))
    };
    match outcome {
        Ok(Merge::Ready(doc)) => respond::jsonapi(StatusCode::OK, &doc),
        Ok(Merge::TimesOut) => {
            tokio::time::sleep(state.cfg.gateway_delay).await;
            respond::gateway_timeout()
        }
        Err(res) => res,
    }
}

enum Merge {
    Ready(Value),
    TimesOut,
}

const V1_LOCATION_LIMIT: u64 = 20;

fn merge_document(
    state: &AppState,
    store: &Store,
    query: &Params,
    id: u64,
    slug: &str,
) -> Result<Merge, Response> {
    let version = match query.present("version") {
        None | Some("1") => 1,
        Some("2") => 2,
        Some(other) => {
            return Err(respond::bad_request(
                "103",
                "Invalid field value",
                &format!("{other} is not a valid value for version."),
            ))
        }
    };
    let Some(p) = store.projects.iter().find(|p| p.id == id) else {
        return Err(respond::record_not_found(&id.to_string()));
    };
    if version == 1 && p.service_locations >= V1_LOCATION_LIMIT {
        return Ok(Merge::TimesOut);
    }
    let client = store
        .customers
        .iter()
        .find(|c| c.id == p.client_id)
        .map(|c| c.name.clone());
    let locations: Vec<Value> = (1..=p.service_locations)
        .map(|n| json!({ "name": format!("Location {n:02}"), "position": n }))
        .collect();
    let attributes = if version == 2 {
        json!({
            "version": 2,
            "project": { "id": p.id, "name": p.name },
            "client": { "name": client },
            "locations": locations,
        })
    } else {
        json!({
            "version": 1,
            "project_name": p.name,
            "client_name": client,
            "locations": locations,
        })
    };
    Ok(Merge::Ready(json!({
        "data": {
            "id": p.id.to_string(),
            "type": "merge-data",
            "links": { "self": format!("{}/{slug}/v1/projects/{}/merge-data", state.base, p.id) },
            "attributes": attributes,
        }
    })))
}
