//! Every signal id the engine can emit, with what it means.

/// Every signal id the engine can emit. Ids ending in `:` are families whose
/// suffix is a value (`status:401`, `oauth:invalid_grant`, `jsonapi-code:102`).
pub const CATALOGUE: &[(&str, &str)] = &[
    ("status:", "the response status, e.g. status:401"),
    ("status-class:", "status class: 2xx, 3xx, 4xx or 5xx"),
    (
        "oauth:",
        "an OAuth error code from a body or WWW-Authenticate, e.g. oauth:invalid_grant",
    ),
    (
        "jsonapi-code:",
        "a JSON:API error code, names normalised to numbers, e.g. jsonapi-code:102",
    ),
    ("token:expired", "the server says the access token expired"),
    (
        "token:revoked",
        "the server says the access token was revoked",
    ),
    (
        "token:invalid",
        "the server says the access token is invalid",
    ),
    (
        "scope:insufficient",
        "the server says the token lacks a scope",
    ),
    ("detail:blank", "a validation error: a field can't be blank"),
    (
        "detail:taken",
        "a validation error: a value has already been taken",
    ),
    (
        "detail:cross-account",
        "an error says a referenced record is in another account or must exist",
    ),
    ("detail:filter-not-allowed", "a filter is not supported"),
    ("detail:param-not-allowed", "a parameter is not allowed"),
    ("detail:param-missing", "a required parameter is missing"),
    (
        "detail:invalid-value",
        "a field value has the wrong type or format",
    ),
    (
        "detail:invalid-field",
        "a field or attribute name is unknown",
    ),
    (
        "detail:invalid-format",
        "the request body is not valid JSON:API",
    ),
    (
        "detail:record-not-found",
        "the record identified by an id could not be found",
    ),
    (
        "detail:route-not-found",
        "no route matches the URL (a routing 404, not a record 404)",
    ),
    (
        "detail:content-type",
        "the server complains about the request's Content-Type",
    ),
    (
        "detail:accept",
        "the server complains about the request's Accept header",
    ),
    (
        "detail:deactivated",
        "an error says the user is deactivated or inactive",
    ),
    (
        "detail:invitation",
        "an error says the invitation is not accepted",
    ),
    (
        "detail:redirect-uri",
        "an error names the redirect URI / callback as not matching",
    ),
    (
        "detail:permission",
        "an error says the user is not allowed / not authorised to do this",
    ),
    ("body:empty", "the response was shown and its body is empty"),
    ("body:html", "the response body is an HTML page, not JSON"),
    (
        "gateway:timeout",
        "a gateway/proxy timeout page or message (504, 524, Gateway Time-out)",
    ),
    (
        "gateway:error-page",
        "a gateway/proxy/platform HTML error page",
    ),
    (
        "network:cors",
        "the browser blocked the response by CORS policy",
    ),
    (
        "network:fetch-failed",
        "a generic network failure: Failed to fetch, NetworkError, Load failed",
    ),
    ("network:dns", "the host name could not be resolved"),
    ("network:refused", "the connection was refused"),
    (
        "network:timeout",
        "the client timed out waiting for an answer",
    ),
    ("network:offline", "the machine is offline"),
    ("network:aborted", "the request was aborted"),
    ("network:tls", "a TLS/certificate failure"),
    (
        "request:authorization-absent",
        "the request headers were shown and carry no Authorization",
    ),
    (
        "request:authorization-present",
        "the request carries an Authorization header",
    ),
    (
        "request:authorization-not-bearer",
        "Authorization uses a scheme other than Bearer",
    ),
    (
        "request:bearer-json",
        "the bearer value is (part of) the JSON token response",
    ),
    (
        "request:bearer-quoted",
        "the bearer value is wrapped in quotes",
    ),
    ("request:bearer-doubled", "the header says Bearer twice"),
    (
        "request:bearer-whitespace",
        "the bearer value holds whitespace or a line break",
    ),
    (
        "request:bearer-empty",
        "the bearer value is empty or a template placeholder",
    ),
    (
        "request:bearer-wellformed",
        "the bearer value looks like a single clean token",
    ),
    (
        "request:accept-absent",
        "the request headers were shown and carry no Accept",
    ),
    ("request:accept-ok", "Accept is application/vnd.api+json"),
    (
        "request:accept-wrong",
        "Accept is something other than application/vnd.api+json",
    ),
    (
        "request:content-type-absent",
        "a request with a body carries no Content-Type",
    ),
    (
        "request:content-type-ok",
        "Content-Type is application/vnd.api+json",
    ),
    (
        "request:content-type-wrong",
        "Content-Type is something other than application/vnd.api+json",
    ),
    ("request:write", "the request is a POST or PATCH"),
    ("request:read", "the request is a GET"),
    ("request:get-with-body", "a GET request carries a body"),
    (
        "request:body-not-json",
        "the request body is not valid JSON",
    ),
    (
        "request:body-not-jsonapi",
        "the request body is JSON but has no data.type",
    ),
    (
        "request:body-jsonapi",
        "the request body is JSON:API-shaped",
    ),
    ("url:slug-present", "the API URL carries an account slug"),
    (
        "not-found:slug",
        "the not-found error names the URL's account slug",
    ),
    (
        "not-found:id",
        "the not-found error names the record id in the URL",
    ),
    (
        "token-account:other",
        "the token belongs to another account than the URL's slug",
    ),
    (
        "token-account:same-write",
        "the token's account is the URL's, and the request writes",
    ),
    (
        "token-account:same-read-record",
        "the token's account is the URL's, and the request reads one record",
    ),
    (
        "url:slug-absent",
        "the API URL has no account slug where one is needed",
    ),
    ("url:me", "the request is GET /v1/me"),
    ("url:filter", "the URL carries a filter[...] parameter"),
    ("url:resource-id", "the URL names one record by id"),
    ("url:merge-data-v1", "a merge-data URL without version=2"),
    ("url:merge-data-v2", "a merge-data URL with version=2"),
    ("host:api", "the request went to api.scopestack.io"),
    ("host:app", "the request went to app.scopestack.io"),
    (
        "host:token-on-api",
        "a token request was sent to the api host",
    ),
    ("host:api-on-app", "an API path was sent to the app host"),
    (
        "host:other",
        "the request went to a host that is not ScopeStack's",
    ),
    (
        "token-request",
        "the paste is about a token request (POST /oauth/token)",
    ),
    (
        "token-request:json-body",
        "a token request sending JSON instead of a form body",
    ),
    ("grant:password", "grant_type=password"),
    ("grant:client_credentials", "grant_type=client_credentials"),
    ("grant:authorization_code", "grant_type=authorization_code"),
    ("grant:refresh_token", "grant_type=refresh_token"),
    ("grant:invalid", "grant_type is not one the server accepts"),
    ("grant:missing", "a token request without grant_type"),
    (
        "grant:password-redirect-uri",
        "a password grant carrying redirect_uri",
    ),
    (
        "grant:password-no-redirect-uri",
        "a password grant shown without redirect_uri",
    ),
    (
        "client-id:confusable",
        "the client_id holds characters easily confused (I l 1, O 0)",
    ),
    (
        "client-id:clear",
        "the client_id holds none of the confusable characters",
    ),
    ("client:postman", "pasted from Postman"),
    ("client:workato", "pasted from a Workato job"),
    ("client:zapier", "pasted from a Zapier task"),
    ("client:python", "pasted from Python"),
    ("client:axios", "pasted from axios / Node"),
    ("client:curl", "pasted from curl"),
    ("client:browser", "pasted from a browser console"),
    ("client:ruby", "pasted from a Ruby client"),
];

/// True when `id` is an exact catalogue entry or a value of a family.
pub fn is_known(id: &str) -> bool {
    // Signals that need two facts together, and the rate-limit ones, keep
    // their catalogues beside the code that raises them.
    let elsewhere = crate::engine::pairs::CATALOGUE
        .iter()
        .chain(crate::engine::rate_limit::CATALOGUE)
        .any(|(name, _)| *name == id);
    elsewhere
        || CATALOGUE.iter().any(|(name, _)| {
            if let Some(family) = name.strip_suffix(':').map(|f| format!("{f}:")) {
                id.len() > family.len() && id.starts_with(&family)
            } else {
                id == *name
            }
        })
}
