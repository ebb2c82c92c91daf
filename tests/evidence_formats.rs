//! One realistic paste per format the evidence layer recognises, with the
//! fields it must pull out of each.

use scopestack_troubleshooter::engine::evidence::{
    gather, Evidence, Format, NetworkFailure, Platform,
};

fn ev(s: &str) -> Evidence {
    gather(s)
}

fn headline(e: &Evidence) -> &str {
    e.formats.first().map_or("", |f| f.as_str())
}

#[test]
fn json_api_validation_error() {
    let e = ev(r#"{
  "errors": [
    {
      "title": "can't be blank",
      "detail": "project-name - can't be blank",
      "code": "100",
      "source": { "pointer": "/data/attributes/project-name" },
      "status": "422"
    },
    {
      "title": "has already been taken",
      "detail": "name - has already been taken",
      "code": "100",
      "source": { "pointer": "/data/attributes/name" },
      "status": "422"
    }
  ]
}"#);
    assert_eq!(e.formats, vec!["json-api"]);
    assert_eq!(e.status, Some(422));
    assert_eq!(e.errors.len(), 2);
    assert_eq!(e.errors[0].title.as_deref(), Some("can't be blank"));
    assert_eq!(
        e.errors[0].pointer.as_deref(),
        Some("/data/attributes/project-name")
    );
    assert_eq!(
        e.errors[1].detail.as_deref(),
        Some("name - has already been taken")
    );
    assert!(e.body.is_some());
}

#[test]
fn json_api_named_code_numeric_status() {
    let e = ev(
        r#"{"errors":[{"title":"Filter not allowed","detail":"name is not allowed.","code":"FILTER_NOT_ALLOWED","status":400}]}"#,
    );
    assert_eq!(e.status, Some(400));
    assert_eq!(e.errors[0].code.as_deref(), Some("FILTER_NOT_ALLOWED"));
    assert_eq!(e.errors[0].status.as_deref(), Some("400"));
}

#[test]
fn doorkeeper_oauth_body() {
    let e = ev(
        r#"{"error":"invalid_grant","error_description":"The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."}"#,
    );
    assert_eq!(e.formats, vec!["oauth-json"]);
    assert_eq!(e.oauth_error.as_deref(), Some("invalid_grant"));
    assert!(e
        .oauth_description
        .as_deref()
        .unwrap()
        .starts_with("The provided authorization grant"));
    assert_eq!(e.status, None);
}

#[test]
fn rails_routing_json_is_not_oauth() {
    let e = ev(r#"{"status":404,"error":"Not Found"}"#);
    assert_eq!(e.formats, vec!["rails-json"]);
    assert_eq!(e.status, Some(404));
    assert_eq!(e.oauth_error, None);
    assert_eq!(e.errors[0].title.as_deref(), Some("Not Found"));
}

#[test]
fn ruby_hash() {
    let e = ev(
        r#"{:error=>:invalid_grant, :error_description=>"The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."}"#,
    );
    assert_eq!(e.formats, vec!["oauth-json", "ruby-hash"]);
    assert_eq!(e.oauth_error.as_deref(), Some("invalid_grant"));
    assert_eq!(e.platform, Some(Platform::Ruby));
}

#[test]
fn oauth2_gem_error() {
    let e = ev(
        r#"OAuth2::Error: invalid_client: Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.
{"error":"invalid_client","error_description":"Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method."}
	from /usr/local/bundle/gems/oauth2-2.0.9/lib/oauth2/client.rb:149:in `request'"#,
    );
    assert!(e.formats.contains(&Format::Oauth2Gem));
    assert!(e.formats.contains(&Format::OauthJson));
    assert_eq!(e.oauth_error.as_deref(), Some("invalid_client"));
    assert!(e
        .oauth_description
        .as_deref()
        .unwrap()
        .starts_with("Client authentication failed"));
    assert_eq!(e.platform, Some(Platform::Ruby));
}

#[test]
fn raw_http_401_with_empty_body_and_www_authenticate() {
    let e = ev("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/vnd.api+json\r\nWWW-Authenticate: Bearer realm=\"Doorkeeper\", error=\"invalid_token\", error_description=\"The access token expired\"\r\nCache-Control: no-cache\r\nX-Request-Id: 1f0c2a\r\nContent-Length: 0\r\n\r\n");
    assert_eq!(e.formats, vec!["http-response", "www-authenticate"]);
    assert_eq!(e.status, Some(401));
    assert_eq!(e.status_line.as_deref(), Some("HTTP/1.1 401 Unauthorized"));
    assert_eq!(e.oauth_error.as_deref(), Some("invalid_token"));
    assert_eq!(
        e.oauth_description.as_deref(),
        Some("The access token expired")
    );
    assert!(e
        .www_authenticate
        .as_deref()
        .unwrap()
        .contains("Doorkeeper"));
    assert!(e.empty_body);
    assert_eq!(e.body, None);
    assert_eq!(e.response_header("x-request-id"), Some("1f0c2a"));
}

#[test]
fn http2_response_with_json_api_body() {
    let e = ev("HTTP/2 404 \ncontent-type: application/vnd.api+json\n\n{\"errors\":[{\"title\":\"Record not found\",\"detail\":\"The record identified by 99999 could not be found.\",\"code\":\"404\",\"status\":\"404\"}]}\n");
    assert_eq!(e.formats, vec!["json-api", "http-response"]);
    assert_eq!(e.status, Some(404));
    assert_eq!(e.status_line.as_deref(), Some("HTTP/2 404"));
    assert!(!e.empty_body);
    assert!(e.errors[0].detail.as_deref().unwrap().contains("99999"));
}

#[test]
fn status_line_beats_body_status() {
    let e = ev("HTTP/1.1 400 Bad Request\nContent-Type: application/vnd.api+json\n\n{\"errors\":[{\"title\":\"x\",\"status\":\"422\"}]}");
    assert_eq!(e.status, Some(400));
}

#[test]
fn redirect_and_continue_take_last_final_response() {
    let e = ev("HTTP/1.1 100 Continue\n\nHTTP/1.1 301 Moved Permanently\nLocation: https://api.scopestack.io/acme/v1/projects\n\nHTTP/1.1 403 Forbidden\nContent-Type: application/vnd.api+json\n\n{\"errors\":[{\"title\":\"Forbidden\",\"detail\":\"You are not authorized to perform this action.\",\"status\":\"403\"}]}");
    assert_eq!(e.status, Some(403));
    assert_eq!(e.status_line.as_deref(), Some("HTTP/1.1 403 Forbidden"));
    assert_eq!(
        e.response_header("content-type"),
        Some("application/vnd.api+json")
    );
    assert_eq!(e.response_header("location"), None);
}

#[test]
fn raw_request_and_response() {
    let e = ev("POST /oauth/token HTTP/1.1\nHost: app.scopestack.io\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=password&client_id=abc&client_secret=s3cret&username=me%40example.com&password=pw&redirect_uri=https%3A%2F%2Foauth.pstmn.io%2Fv1%2Fcallback\n\nHTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant is invalid.\"}");
    assert_eq!(e.request.method.as_deref(), Some("POST"));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://app.scopestack.io/oauth/token")
    );
    assert!(e.request.headers_seen);
    assert_eq!(e.param("grant_type"), Some("password"));
    assert_eq!(e.param("username"), Some("me@example.com"));
    assert_eq!(
        e.param("redirect_uri"),
        Some("https://oauth.pstmn.io/v1/callback")
    );
    assert_eq!(e.status, Some(400));
    assert_eq!(e.oauth_error.as_deref(), Some("invalid_grant"));
}

#[test]
fn curl_include() {
    let e = ev("$ curl -i https://api.scopestack.io/acme/v1/projects -H 'Accept: application/vnd.api+json'\nHTTP/2 401 \ndate: Tue, 04 Mar 2025 10:00:00 GMT\ncontent-type: application/vnd.api+json\nwww-authenticate: Bearer realm=\"Doorkeeper\", error=\"invalid_token\", error_description=\"The access token is invalid\"\ncontent-length: 0\n\n");
    assert_eq!(headline(&e), "curl-include");
    assert!(e.formats.contains(&Format::CurlCommand));
    assert_eq!(e.status, Some(401));
    assert!(e.empty_body);
    assert_eq!(
        e.oauth_description.as_deref(),
        Some("The access token is invalid")
    );
    assert!(e.request.headers_seen);
    assert_eq!(e.request_header("authorization"), None);
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/projects")
    );
    assert_eq!(e.platform, Some(Platform::Curl));
}

#[test]
fn curl_verbose_host_and_path_make_the_url() {
    let e = ev("*   Trying 104.18.22.1:443...\n* Connected to api.scopestack.io (104.18.22.1) port 443\n* ALPN: server accepted h2\n* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384\n* using HTTP/2\n* [HTTP/2] [1] OPENED stream for https://api.scopestack.io/acme/v1/me\n> GET /acme/v1/me?include=account HTTP/2\n> Host: api.scopestack.io\n> User-Agent: curl/8.4.0\n> Accept: */*\n> Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc\n>\n< HTTP/2 401\n< content-type: application/vnd.api+json\n< www-authenticate: Bearer realm=\"Doorkeeper\", error=\"invalid_token\", error_description=\"The access token expired\"\n< content-length: 0\n<\n* Connection #0 to host api.scopestack.io left intact\n");
    assert_eq!(e.formats, vec!["curl-verbose", "www-authenticate"]);
    assert_eq!(e.status, Some(401));
    assert_eq!(e.status_line.as_deref(), Some("HTTP/2 401"));
    assert_eq!(e.request.method.as_deref(), Some("GET"));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/me?include=account")
    );
    assert!(e.request.headers_seen);
    assert_eq!(e.request_header("accept"), Some("*/*"));
    assert!(e
        .request_header("authorization")
        .unwrap()
        .starts_with("Bearer eyJ"));
    assert!(e.empty_body);
    assert_eq!(e.oauth_error.as_deref(), Some("invalid_token"));
    assert_eq!(e.platform, Some(Platform::Curl));
    assert_eq!(e.network, None);
}

#[test]
fn curl_verbose_with_body_after_blank_marker() {
    let e = ev("> POST /acme/v1/projects HTTP/1.1\n> Host: api.scopestack.io\n> Content-Type: application/json\n>\n} [64 bytes data]\n< HTTP/1.1 415 Unsupported Media Type\n< Content-Type: application/vnd.api+json\n<\n{\"errors\":[{\"title\":\"Unsupported media type\",\"detail\":\"All requests that create or update must use the 'application/vnd.api+json' Content-Type. This request specified 'application/json'.\",\"code\":\"415\",\"status\":\"415\"}]}\n* Connection #0 to host api.scopestack.io left intact");
    assert_eq!(e.formats, vec!["json-api", "curl-verbose"]);
    assert_eq!(e.status, Some(415));
    assert_eq!(e.request_header("content-type"), Some("application/json"));
    assert!(e.body.as_deref().unwrap().ends_with("}]}"));
    assert!(!e.empty_body);
}

#[test]
fn curl_notes_could_not_resolve_host() {
    let e = ev("* Could not resolve host: api.scopestak.io\n* Closing connection 0\ncurl: (6) Could not resolve host: api.scopestak.io");
    assert_eq!(e.network, Some(NetworkFailure::Dns));
    assert!(e
        .network_message
        .as_deref()
        .unwrap()
        .contains("Could not resolve host"));
    assert_eq!(e.status, None);
}

#[test]
fn curl_notes_refused_and_timeout() {
    let e = ev("*   Trying 127.0.0.1:3000...\n* connect to 127.0.0.1 port 3000 failed: Connection refused\n* Failed to connect to localhost port 3000 after 0 ms: Couldn't connect to server");
    assert_eq!(e.network, Some(NetworkFailure::Refused));
    let e = ev("* Operation timed out after 30001 milliseconds with 0 bytes received\ncurl: (28) Operation timed out after 30001 milliseconds with 0 bytes received");
    assert_eq!(e.network, Some(NetworkFailure::Timeout));
}

#[test]
fn curl_command_with_continuations() {
    let e = ev(r#"curl -X POST https://api.scopestack.io/acme/v1/projects \
  -H 'Authorization: Bearer abc.def.ghi' \
  -H "Accept: application/vnd.api+json" \
  -d '{
    "data": {
      "type": "projects",
      "attributes": { "project-name": "" }
    }
  }'"#);
    assert_eq!(e.formats, vec!["curl-command"]);
    assert_eq!(e.request.method.as_deref(), Some("POST"));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/projects")
    );
    assert!(e.request.headers_seen);
    assert_eq!(
        e.request_header("Authorization"),
        Some("Bearer abc.def.ghi")
    );
    assert_eq!(e.request_header("content-type"), None);
    assert!(e
        .request
        .body
        .as_deref()
        .unwrap()
        .contains("\"type\": \"projects\""));
    assert_eq!(e.param("data.type"), Some("projects"));
    assert_eq!(e.platform, Some(Platform::Curl));
    assert_eq!(e.status, None);
}

#[test]
fn curl_token_request_with_data_flags() {
    let e = ev("curl --request POST --url https://app.scopestack.io/oauth/token --data-urlencode 'grant_type=password' --data-urlencode client_id=AbcIl1O0 -d client_secret=xyz --data-raw 'username=me%40acme.com&password=pw' -F 'scope=read write'");
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://app.scopestack.io/oauth/token")
    );
    assert_eq!(e.param("grant_type"), Some("password"));
    assert_eq!(e.param("client_id"), Some("AbcIl1O0"));
    assert_eq!(e.param("client_secret"), Some("xyz"));
    assert_eq!(e.param("username"), Some("me@acme.com"));
    assert_eq!(e.param("scope"), Some("read write"));
    assert!(!e.request.headers_seen);
}

#[test]
fn curl_user_flag_and_default_method() {
    let e = ev("curl -su 'id:secret' https://app.scopestack.io/oauth/token -d grant_type=client_credentials");
    assert_eq!(e.request.method.as_deref(), Some("POST"));
    assert_eq!(
        e.request_header("authorization"),
        Some("Basic aWQ6c2VjcmV0")
    );
    assert!(!e.request.headers_seen);
    assert_eq!(e.param("grant_type"), Some("client_credentials"));
}

#[test]
fn curl_command_then_verbose_output() {
    let e = ev("curl -v -X PATCH 'https://api.scopestack.io/acme/v1/projects/123' -H 'Authorization: Bearer tok' -H 'Content-Type: application/vnd.api+json' --data-raw '{\"data\":{\"type\":\"projects\",\"id\":\"123\"}}'\n> PATCH /acme/v1/projects/123 HTTP/1.1\n> Host: api.scopestack.io\n> Authorization: Bearer tok\n> Content-Type: application/vnd.api+json\n>\n< HTTP/1.1 406 Not Acceptable\n< Content-Type: application/vnd.api+json\n<\n{\"errors\":[{\"title\":\"Not acceptable\",\"detail\":\"All requests must use the 'application/vnd.api+json' Accept without media type parameters. This request specified '*/*'.\",\"code\":\"406\",\"status\":\"406\"}]}");
    assert_eq!(e.formats, vec!["json-api", "curl-verbose", "curl-command"]);
    assert_eq!(e.status, Some(406));
    assert_eq!(e.request.method.as_deref(), Some("PATCH"));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/projects/123")
    );
    assert_eq!(e.request_header("accept"), None);
    assert!(e.request.headers_seen);
    assert!(e
        .request
        .body
        .as_deref()
        .unwrap()
        .contains("\"id\":\"123\""));
}

#[test]
fn postman_console_key_value_form() {
    let e = ev(r#"POST https://app.scopestack.io/oauth/token
400
187 ms
Network
  addresses: {…}
  tls: {…}
Request Headers
  Content-Type: application/x-www-form-urlencoded
  User-Agent: PostmanRuntime/7.39.0
  Accept: */*
  Cache-Control: no-cache
  Postman-Token: 6f6c2a1e-1111-2222-3333-444455556666
  Host: app.scopestack.io
  Accept-Encoding: gzip, deflate, br
  Connection: keep-alive
  Content-Length: 196
Request Body
  grant_type: "password"
  client_id: "kY7gT0OlI1"
  client_secret: "topsecret"
  username: "me@example.com"
  password: "hunter2"
  redirect_uri: "https://oauth.pstmn.io/v1/callback"
Response Headers
  Content-Type: application/json; charset=utf-8
  WWW-Authenticate: Bearer realm="Doorkeeper", error="invalid_grant", error_description="The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."
  Cache-Control: no-store
Response Body
  {"error":"invalid_grant","error_description":"The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."}"#);
    assert_eq!(
        e.formats,
        vec!["oauth-json", "postman-console", "www-authenticate"]
    );
    assert_eq!(e.platform, Some(Platform::Postman));
    assert_eq!(e.status, Some(400));
    assert_eq!(e.request.method.as_deref(), Some("POST"));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://app.scopestack.io/oauth/token")
    );
    assert!(e.request.headers_seen);
    assert_eq!(
        e.request_header("user-agent"),
        Some("PostmanRuntime/7.39.0")
    );
    assert_eq!(e.param("grant_type"), Some("password"));
    assert_eq!(
        e.param("redirect_uri"),
        Some("https://oauth.pstmn.io/v1/callback")
    );
    assert_eq!(e.param("client_id"), Some("kY7gT0OlI1"));
    assert_eq!(e.oauth_error.as_deref(), Some("invalid_grant"));
}

#[test]
fn postman_console_tabbed_form() {
    let e = ev("GET https://api.scopestack.io/acme/v1/projects?filter[name]=x\n400 Bad Request\nRequest Headers\nAuthorization\tBearer abc123\nAccept\tapplication/vnd.api+json\nUser-Agent\tPostmanRuntime/7.36.0\nResponse Headers\nContent-Type\tapplication/vnd.api+json\nResponse Body\n{\"errors\":[{\"title\":\"Filter not allowed\",\"detail\":\"name is not allowed.\",\"code\":\"102\",\"status\":\"400\"}]}\n");
    assert_eq!(e.status, Some(400));
    assert_eq!(e.status_line.as_deref(), Some("400 Bad Request"));
    assert_eq!(e.request_header("authorization"), Some("Bearer abc123"));
    assert_eq!(e.request_header("accept"), Some("application/vnd.api+json"));
    assert_eq!(
        e.response_header("content-type"),
        Some("application/vnd.api+json")
    );
    assert_eq!(e.errors[0].code.as_deref(), Some("102"));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/projects?filter[name]=x")
    );
    assert_eq!(e.platform, Some(Platform::Postman));
}

#[test]
fn har_last_failing_entry() {
    let body = r#"{"errors":[{"title":"Forbidden","detail":"You are not allowed to update this project.","status":"403"}]}"#;
    let b64 = "eyJlcnJvcnMiOlt7InRpdGxlIjoiRm9yYmlkZGVuIiwiZGV0YWlsIjoiWW91IGFyZSBub3QgYWxsb3dlZCB0byB1cGRhdGUgdGhpcyBwcm9qZWN0LiIsInN0YXR1cyI6IjQwMyJ9XX0=";
    let har = format!(
        r#"{{"log":{{"version":"1.2","creator":{{"name":"WebInspector","version":"537.36"}},"entries":[
 {{"request":{{"method":"GET","url":"https://api.scopestack.io/v1/me","headers":[{{"name":"Accept","value":"application/vnd.api+json"}}]}},
   "response":{{"status":200,"statusText":"OK","httpVersion":"http/2.0","headers":[],"content":{{"size":10,"mimeType":"application/vnd.api+json","text":"{{\"data\":{{}}}}"}}}}}},
 {{"request":{{"method":"PATCH","url":"https://api.scopestack.io/acme/v1/projects/42","httpVersion":"http/2.0",
   "headers":[{{"name":":authority","value":"api.scopestack.io"}},{{"name":"authorization","value":"Bearer tok"}},{{"name":"content-type","value":"application/vnd.api+json"}}],
   "postData":{{"mimeType":"application/vnd.api+json","text":"{{\"data\":{{\"type\":\"projects\",\"id\":\"42\"}}}}"}}}},
   "response":{{"status":403,"statusText":"","httpVersion":"http/2.0","headers":[{{"name":"content-type","value":"application/vnd.api+json"}}],
   "content":{{"size":{len},"mimeType":"application/vnd.api+json","text":"{b64}","encoding":"base64"}}}}}},
 {{"request":{{"method":"GET","url":"https://api.scopestack.io/acme/v1/projects","headers":[]}},"response":{{"status":200,"statusText":"OK","headers":[],"content":{{"size":0}}}}}}
]}}}}"#,
        len = body.len()
    );
    let e = ev(&har);
    assert_eq!(e.formats, vec!["json-api", "har"]);
    assert_eq!(e.status, Some(403));
    assert_eq!(e.request.method.as_deref(), Some("PATCH"));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/projects/42")
    );
    assert!(e.request.headers_seen);
    assert_eq!(e.request.headers.len(), 2);
    assert_eq!(e.request_header("accept"), None);
    assert_eq!(e.param("data.id"), Some("42"));
    assert_eq!(e.body.as_deref(), Some(body));
    assert_eq!(
        e.errors[0].detail.as_deref(),
        Some("You are not allowed to update this project.")
    );
    assert_eq!(e.platform, Some(Platform::Browser));
}

#[test]
fn har_post_params_and_no_response() {
    let e = ev(
        r#"{"log":{"entries":[{"request":{"method":"POST","url":"https://app.scopestack.io/oauth/token","headers":[{"name":"Content-Type","value":"application/x-www-form-urlencoded"}],"postData":{"mimeType":"application/x-www-form-urlencoded","params":[{"name":"grant_type","value":"password"},{"name":"redirect_uri","value":"https://oauth.pstmn.io/v1/callback"}],"text":"grant_type=password&redirect_uri=https%3A%2F%2Foauth.pstmn.io%2Fv1%2Fcallback"}},"response":{"status":0,"statusText":"","headers":[],"content":{"size":0},"_error":"net::ERR_NAME_NOT_RESOLVED"}}]}}"#,
    );
    assert_eq!(e.param("grant_type"), Some("password"));
    assert_eq!(
        e.param("redirect_uri"),
        Some("https://oauth.pstmn.io/v1/callback")
    );
    assert_eq!(e.status, None);
    assert_eq!(e.network, Some(NetworkFailure::Dns));
}

#[test]
fn workato_job_error() {
    let e = ev(r#"{
  "error_type_id": "http_error",
  "message": "422 Unprocessable Entity: {\"errors\":[{\"title\":\"can't be blank\"}]}",
  "http_request": {"method": "POST", "url": "https://api.scopestack.io/acme/v1/projects", "headers": {"Authorization": "Bearer abc", "Content-Type": "application/json"}},
  "http_response": {
    "code": 422,
    "headers": {"content-type": "application/vnd.api+json"},
    "body": "{\"errors\":[{\"title\":\"can't be blank\",\"detail\":\"client - can't be blank\",\"code\":\"100\",\"source\":{\"pointer\":\"/data/relationships/client\"},\"status\":\"422\"}]}"
  }
}"#);
    assert_eq!(e.formats, vec!["json-api", "workato"]);
    assert_eq!(e.platform, Some(Platform::Workato));
    assert_eq!(e.status, Some(422));
    assert_eq!(
        e.errors[0].pointer.as_deref(),
        Some("/data/relationships/client")
    );
    assert_eq!(e.request.method.as_deref(), Some("POST"));
    assert_eq!(e.request_header("content-type"), Some("application/json"));
    assert!(e.body.as_deref().unwrap().starts_with("{\"errors\""));
}

#[test]
fn workato_empty_body_401() {
    let e = ev(
        r#"{"error_type_id":"unauthorized","message":"401 Unauthorized","http_response":{"code":"401","headers":{"WWW-Authenticate":"Bearer realm=\"Doorkeeper\", error=\"invalid_token\", error_description=\"The access token was revoked\""},"body":""}}"#,
    );
    assert_eq!(e.status, Some(401));
    assert!(e.empty_body);
    assert_eq!(e.oauth_error.as_deref(), Some("invalid_token"));
    assert_eq!(
        e.oauth_description.as_deref(),
        Some("The access token was revoked")
    );
}

#[test]
fn zapier_task_error() {
    let e = ev(
        r#"{"status": 404, "headers": {"content-type": "application/json; charset=utf-8"}, "content": "{\"status\":404,\"error\":\"Not Found\"}", "request": {"url": "https://api.scopestack.io/v1/projects/12", "method": "GET", "headers": {"Accept": "application/vnd.api+json", "Authorization": "Bearer zz"}}}"#,
    );
    assert_eq!(e.formats, vec!["rails-json", "zapier"]);
    assert_eq!(e.platform, Some(Platform::Zapier));
    assert_eq!(e.status, Some(404));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/v1/projects/12")
    );
    assert!(e.request.headers_seen);
    assert_eq!(e.oauth_error, None);
}

#[test]
fn python_http_error_traceback() {
    let e = ev(r#"Traceback (most recent call last):
  File "/home/me/sync.py", line 41, in <module>
    resp.raise_for_status()
  File "/usr/lib/python3.11/site-packages/requests/models.py", line 1021, in raise_for_status
    raise HTTPError(http_error_msg, response=self)
requests.exceptions.HTTPError: 504 Server Error: Gateway Time-out for url: https://api.scopestack.io/acme/v1/projects/9/merge-data"#);
    assert_eq!(e.formats, vec!["python-traceback"]);
    assert_eq!(e.status, Some(504));
    assert_eq!(
        e.status_line.as_deref(),
        Some("504 Server Error: Gateway Time-out")
    );
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/projects/9/merge-data")
    );
    assert_eq!(e.platform, Some(Platform::Python));
}

#[test]
fn python_connection_errors() {
    let e = ev("requests.exceptions.ConnectionError: HTTPSConnectionPool(host='api.scopestack.io', port=443): Max retries exceeded with url: /acme/v1/me (Caused by NameResolutionError(\"<urllib3.connection.HTTPSConnection object at 0x7f>: Failed to resolve 'api.scopestack.io' ([Errno -2] Name or service not known)\"))");
    assert_eq!(e.network, Some(NetworkFailure::Dns));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/me")
    );
    assert_eq!(e.platform, Some(Platform::Python));
    let e = ev("requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='api.scopestack.io', port=443): Read timed out. (read timeout=30)");
    assert_eq!(e.network, Some(NetworkFailure::Timeout));
    let e = ev("requests.exceptions.SSLError: HTTPSConnectionPool(host='api.scopestack.io', port=443): Max retries exceeded with url: /v1/me (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)')))");
    assert_eq!(e.network, Some(NetworkFailure::Tls));
}

#[test]
fn python_dict_repr() {
    let e = ev("print(r.json())\n{'errors': [{'title': \"can't be blank\", 'detail': \"name - can't be blank\", 'code': '100', 'source': {'pointer': '/data/attributes/name'}, 'status': '422'}], 'meta': None}");
    assert_eq!(e.formats, vec!["json-api", "python-dict"]);
    assert_eq!(e.status, Some(422));
    assert_eq!(
        e.errors[0].pointer.as_deref(),
        Some("/data/attributes/name")
    );
    assert_eq!(e.platform, Some(Platform::Python));
}

#[test]
fn axios_node_dump() {
    let e = ev(r#"AxiosError: Request failed with status code 422
    at settle (/app/node_modules/axios/dist/node/axios.cjs:2019:12)
    at IncomingMessage.handleStreamEnd (/app/node_modules/axios/dist/node/axios.cjs:3135:11)
    at IncomingMessage.emit (node:events:531:35) {
  code: 'ERR_BAD_REQUEST',
  config: {
    transitional: { silentJSONParsing: true, forcedJSONParsing: true, clarifyTimeoutError: false },
    adapter: [ 'xhr', 'http', 'fetch' ],
    transformRequest: [ [Function: transformRequest] ],
    timeout: 0,
    validateStatus: [Function: validateStatus],
    headers: Object [AxiosHeaders] {
      Accept: 'application/json, text/plain, */*',
      'Content-Type': 'application/json',
      Authorization: 'Bearer eyJhbGciOi.abc.def',
      'User-Agent': 'axios/1.7.2'
    },
    method: 'post',
    url: 'https://api.scopestack.io/acme/v1/projects',
    data: '{"data":{"type":"projects","attributes":{"project-name":""}}}'
  },
  request: <ref *1> ClientRequest {
    _header: 'POST /acme/v1/projects HTTP/1.1\r\n' +
      'Accept: application/json, text/plain, */*\r\n',
    [Symbol(kCapture)]: false
  },
  response: {
    status: 422,
    statusText: 'Unprocessable Entity',
    headers: Object [AxiosHeaders] { 'content-type': 'application/vnd.api+json' },
    request: <ref *1> ClientRequest { _header: 'POST', [Symbol(kNeedDrain)]: false },
    data: { errors: [ { title: "can't be blank", detail: "project-name - can't be blank", code: '100', source: { pointer: '/data/attributes/project-name' }, status: '422' } ] }
  },
  status: 422
}"#);
    assert_eq!(e.formats, vec!["json-api", "axios"]);
    assert_eq!(e.platform, Some(Platform::Axios));
    assert_eq!(e.status, Some(422));
    assert_eq!(e.request.method.as_deref(), Some("POST"));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/projects")
    );
    assert!(e.request.headers_seen);
    assert_eq!(e.request_header("content-type"), Some("application/json"));
    assert_eq!(e.param("data.type"), Some("projects"));
    assert_eq!(
        e.errors[0].pointer.as_deref(),
        Some("/data/attributes/project-name")
    );
    assert_eq!(
        e.response_header("content-type"),
        Some("application/vnd.api+json")
    );
}

#[test]
fn axios_one_liners() {
    let e = ev("Uncaught (in promise) AxiosError: Request failed with status code 401");
    assert_eq!(e.status, Some(401));
    assert_eq!(e.formats, vec!["axios"]);
    let e = ev(
        "AxiosError: timeout of 30000ms exceeded\n    at RedirectableRequest.handleRequestTimeout",
    );
    assert_eq!(e.network, Some(NetworkFailure::Timeout));
    assert_eq!(e.platform, Some(Platform::Axios));
    let e = ev("AxiosError: Network Error\n  code: 'ERR_NETWORK'");
    assert_eq!(e.network, Some(NetworkFailure::FetchFailed));
}

#[test]
fn fetch_errors_and_console_lines() {
    let e = ev("TypeError: Failed to fetch\n    at getProjects (app.js:12:5)");
    assert_eq!(e.formats, vec!["fetch-error"]);
    assert_eq!(e.network, Some(NetworkFailure::FetchFailed));
    assert_eq!(e.platform, Some(Platform::Browser));
    let e = ev("TypeError: NetworkError when attempting to fetch resource.");
    assert_eq!(e.network, Some(NetworkFailure::FetchFailed));
    let e = ev("TypeError: Load failed");
    assert_eq!(e.network, Some(NetworkFailure::FetchFailed));
    let e = ev("VM412:1  GET https://api.scopestack.io/acme/v1/projects 401 (Unauthorized)");
    assert_eq!(e.status, Some(401));
    assert_eq!(e.request.method.as_deref(), Some("GET"));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/projects")
    );
    let e = ev("GET https://api.scopestack.io/acme/v1/me net::ERR_INTERNET_DISCONNECTED");
    assert_eq!(e.network, Some(NetworkFailure::Offline));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/me")
    );
    let e = ev(
        "DOMException: The user aborted a request.\nAbortError: signal is aborted without reason",
    );
    assert_eq!(e.network, Some(NetworkFailure::Aborted));
}

#[test]
fn cors_messages_in_three_browsers() {
    let e = ev("Access to fetch at 'https://api.scopestack.io/acme/v1/projects' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\nGET https://api.scopestack.io/acme/v1/projects net::ERR_FAILED\nUncaught (in promise) TypeError: Failed to fetch");
    assert_eq!(headline(&e), "cors-message");
    assert_eq!(e.network, Some(NetworkFailure::Cors));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/projects")
    );
    assert_eq!(e.platform, Some(Platform::Browser));
    let e = ev("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.scopestack.io/acme/v1/me. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 401.");
    assert_eq!(e.network, Some(NetworkFailure::Cors));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/me")
    );
    assert_eq!(e.status, Some(401));
    let e = ev("[Error] Origin http://localhost:8080 is not allowed by Access-Control-Allow-Origin. Status code: 403\n[Error] Fetch API cannot load https://api.scopestack.io/acme/v1/me due to access control checks.");
    assert_eq!(e.network, Some(NetworkFailure::Cors));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/me")
    );
}

#[test]
fn node_network_errors() {
    let e = ev("Error: getaddrinfo ENOTFOUND api.scopestack.co\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26)");
    assert_eq!(e.formats, vec!["network-message"]);
    assert_eq!(e.network, Some(NetworkFailure::Dns));
    let e = ev("Error: connect ECONNREFUSED 127.0.0.1:443");
    assert_eq!(e.network, Some(NetworkFailure::Refused));
    let e = ev("Error: connect ETIMEDOUT 104.18.22.1:443");
    assert_eq!(e.network, Some(NetworkFailure::Timeout));
    let e = ev(
        "Error: unable to verify the first certificate\n code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'",
    );
    assert_eq!(e.network, Some(NetworkFailure::Tls));
    let e = ev("net::ERR_CERT_DATE_INVALID");
    assert_eq!(e.network, Some(NetworkFailure::Tls));
    let e =
        ev("This site can’t be reached\nDNS_PROBE_FINISHED_NXDOMAIN\nnet::ERR_NAME_NOT_RESOLVED");
    assert_eq!(e.network, Some(NetworkFailure::Dns));
}

#[test]
fn nginx_gateway_timeout_page() {
    let e = ev("<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>");
    assert_eq!(e.formats, vec!["gateway-html"]);
    assert_eq!(e.status, Some(504));
    assert_eq!(e.status_line.as_deref(), Some("504 Gateway Time-out"));
    assert_eq!(e.gateway.as_deref(), Some("nginx"));
}

#[test]
fn alb_page_behind_a_status_line() {
    let e = ev("HTTP/1.1 502 Bad Gateway\nServer: awselb/2.0\nContent-Type: text/html\n\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n</body>\n</html>");
    assert_eq!(e.status, Some(502));
    assert_eq!(e.status_line.as_deref(), Some("HTTP/1.1 502 Bad Gateway"));
    assert_eq!(e.gateway.as_deref(), Some("aws-alb"));
    assert_eq!(e.formats, vec!["http-response", "gateway-html"]);
}

#[test]
fn heroku_and_cloudflare_and_cloudfront_pages() {
    let e = ev("<!DOCTYPE html>\n<html>\n<head>\n<title>Application Error</title>\n<style media=\"screen\">html,body,iframe{margin:0;padding:0;}</style>\n</head>\n<body>\n<iframe src=\"//www.herokucdn.com/error-pages/application-error.html\"></iframe>\n</body>\n</html>");
    assert_eq!(e.gateway.as_deref(), Some("heroku"));
    assert_eq!(e.status, Some(503));
    let e = ev("2025-03-04T10:00:00.000000+00:00 heroku[router]: at=error code=H12 desc=\"Request timeout\" method=GET path=\"/acme/v1/projects/9/merge-data\" host=api.scopestack.io request_id=abc fwd=\"1.2.3.4\" dyno=web.1 connect=0ms service=30000ms status=503 bytes=0");
    assert_eq!(e.gateway.as_deref(), Some("heroku"));
    assert_eq!(e.status, Some(503));
    assert!(e
        .status_line
        .as_deref()
        .unwrap()
        .contains("H12 Request timeout"));
    let e = ev("<!DOCTYPE html>\n<html lang=\"en-US\">\n<head><title>api.scopestack.io | 524: A timeout occurred</title></head>\n<body><div id=\"cf-wrapper\"><h1><span class=\"inline-block\">A timeout occurred</span> <span class=\"code-label\">Error code 524</span></h1><p>Cloudflare Ray ID: 8d2f</p></div></body></html>");
    assert_eq!(e.gateway.as_deref(), Some("cloudflare"));
    assert_eq!(e.status, Some(524));
    assert_eq!(e.status_line.as_deref(), Some("524: A timeout occurred"));
    let e = ev("error code: 522");
    assert_eq!(e.gateway.as_deref(), Some("cloudflare"));
    assert_eq!(e.status, Some(522));
    let e = ev("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">\n<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-1\">\n<TITLE>ERROR: The request could not be satisfied</TITLE>\n</HEAD><BODY>\n<H1>504 ERROR</H1>\n<H2>The request could not be satisfied.</H2>\n<HR noshade size=\"1px\">\nGenerated by cloudfront (CloudFront)\n</BODY></HTML>");
    assert_eq!(e.gateway.as_deref(), Some("cloudfront"));
    assert_eq!(e.status, Some(504));
}

#[test]
fn loose_www_authenticate_header() {
    let e = ev("www-authenticate: Bearer realm=\"Doorkeeper\", error=\"insufficient_scope\", error_description=\"The request requires higher privileges than provided by the access token.\"");
    assert_eq!(e.formats, vec!["www-authenticate"]);
    assert_eq!(e.oauth_error.as_deref(), Some("insufficient_scope"));
}

#[test]
fn bare_statuses() {
    for (s, code) in [
        ("401", 401),
        ("HTTP 401", 401),
        ("Error 422", 422),
        ("422 Unprocessable Entity", 422),
        ("status: 504", 504),
    ] {
        let e = ev(s);
        assert_eq!(e.status, Some(code), "{s}");
        assert_eq!(e.formats, vec!["bare-status"], "{s}");
        assert_eq!(e.mentions, vec![code.to_string()], "{s}");
    }
    let e = ev("HTTP/1.1 401 Unauthorized");
    assert_eq!(e.status, Some(401));
}

#[test]
fn bare_codes() {
    let e = ev("invalid_grant");
    assert_eq!(e.formats, vec!["bare-code"]);
    assert_eq!(e.oauth_error.as_deref(), Some("invalid_grant"));
    let e = ev("  invalid_token\n");
    assert_eq!(e.oauth_error.as_deref(), Some("invalid_token"));
    let e = ev("FILTER_NOT_ALLOWED");
    assert_eq!(e.errors[0].code.as_deref(), Some("FILTER_NOT_ALLOWED"));
    assert_eq!(e.formats, vec!["bare-code"]);
}

#[test]
fn prose_mentions() {
    let e = ev("I keep getting a 403 when I PATCH a project in https://api.scopestack.io/acme/v1/projects/77");
    assert_eq!(e.formats, vec!["prose"]);
    assert_eq!(e.status, Some(403));
    assert_eq!(e.request.method.as_deref(), Some("PATCH"));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/projects/77")
    );
    assert_eq!(e.mentions, vec!["403"]);
    let e = ev("postman says invalid_client when I try to get a token");
    assert_eq!(e.oauth_error.as_deref(), Some("invalid_client"));
    assert_eq!(e.platform, Some(Platform::Postman));
    assert_eq!(e.status, None);
    let e = ev("We have 20 service locations and 500 line items, is that a problem?");
    assert_eq!(e.status, None);
}

#[test]
fn prose_then_json_body() {
    let e = ev("Hi team, when I create a project I get this back:\n\n{\"errors\":[{\"title\":\"must exist\",\"detail\":\"client - must exist\",\"source\":{\"pointer\":\"/data/relationships/client\"},\"status\":\"422\"}]}\n\nThanks, Sam (we got a 500 yesterday too)");
    assert_eq!(e.formats, vec!["json-api"]);
    assert_eq!(e.status, Some(422));
    assert_eq!(e.errors[0].detail.as_deref(), Some("client - must exist"));
}

#[test]
fn json_then_prose() {
    let e = ev("{\"error\":\"unsupported_grant_type\",\"error_description\":\"The authorization grant type is not supported by the authorization server.\"}\nthat's what I get from POST https://app.scopestack.io/oauth/token");
    assert_eq!(e.oauth_error.as_deref(), Some("unsupported_grant_type"));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://app.scopestack.io/oauth/token")
    );
    assert_eq!(e.request.method.as_deref(), Some("POST"));
}

#[test]
fn truncated_json_is_recovered() {
    let e = ev("{\n  \"errors\": [\n    {\n      \"title\": \"can't be blank\",\n      \"detail\": \"name - can't be blank\",\n      \"code\": \"100\",\n      \"source\": {\n        \"pointer\": \"/data/attributes/name\"\n      },\n      \"status\": \"422\"\n    },\n    {\n      \"title\": \"is inva");
    assert_eq!(e.formats, vec!["json-api"]);
    assert_eq!(e.status, Some(422));
    assert_eq!(e.errors.len(), 2);
    assert_eq!(
        e.errors[0].pointer.as_deref(),
        Some("/data/attributes/name")
    );
    let e = ev("HTTP/1.1 400 Bad Request\n\n{\"error\":\"invalid_request\",\"error_description\":\"Missing required parameter: grant_t");
    assert_eq!(e.oauth_error.as_deref(), Some("invalid_request"));
    assert_eq!(e.status, Some(400));
}

#[test]
fn json_in_a_log_line() {
    let e = ev("2025-03-04 10:00:01 ERROR ScopeStackSync - request failed status=401 body={\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"} took=120ms");
    assert_eq!(e.oauth_error.as_deref(), Some("invalid_token"));
    assert_eq!(
        e.oauth_description.as_deref(),
        Some("The access token is invalid")
    );
}

#[test]
fn success_response_has_no_error() {
    let e = ev("HTTP/2 200\ncontent-type: application/vnd.api+json\n\n{\"data\":{\"id\":\"1\",\"type\":\"users\",\"attributes\":{\"name\":\"Sam\",\"account-slug\":\"acme\"}}}");
    assert_eq!(e.status, Some(200));
    assert!(e.errors.is_empty());
    assert_eq!(e.oauth_error, None);
}

#[test]
fn devtools_copy_as_curl_bash_and_cmd() {
    let bash = "curl 'https://api.scopestack.io/acme/v1/projects?filter%5Bname%5D=x' \\\n  -H 'accept: application/vnd.api+json' \\\n  -H 'authorization: Bearer abc' \\\n  -H 'sec-ch-ua-mobile: ?0' \\\n  --compressed";
    let e = ev(bash);
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/projects?filter%5Bname%5D=x")
    );
    assert_eq!(e.request.method.as_deref(), Some("GET"));
    assert_eq!(e.request.headers.len(), 3);
    let cmd = "curl ^\"https://api.scopestack.io/acme/v1/projects^\" ^\n  -H ^\"accept: application/vnd.api+json^\" ^\n  -H ^\"content-type: application/json^\" ^\n  --data-raw ^\"^{^\\^\"data^\\^\":^{^\\^\"type^\\^\":^\\^\"projects^\\^\"^}^}^\" ^\n  --compressed";
    let e = ev(cmd);
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/projects")
    );
    assert_eq!(e.request.method.as_deref(), Some("POST"));
    assert_eq!(e.request_header("content-type"), Some("application/json"));
    assert_eq!(
        e.request.body.as_deref(),
        Some(r#"{"data":{"type":"projects"}}"#)
    );
    assert_eq!(e.param("data.type"), Some("projects"));
}

#[test]
fn other_client_libraries() {
    let e = ev(">>> r = requests.get(url, headers=h)\n>>> r\n<Response [401]>");
    assert_eq!(e.status, Some(401));
    assert_eq!(e.platform, Some(Platform::Python));
    let e = ev("System.Net.Http.HttpRequestException: Response status code does not indicate success: 403 (Forbidden).");
    assert_eq!(e.status, Some(403));
    let e = ev("java.io.IOException: Server returned HTTP response code: 401 for URL: https://api.scopestack.io/acme/v1/me");
    assert_eq!(e.status, Some(401));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/me")
    );
    let e = ev("GuzzleHttp\\Exception\\ClientException: Client error: `POST https://api.scopestack.io/acme/v1/projects` resulted in a `422 Unprocessable Entity` response:\n{\"errors\":[{\"title\":\"can't be blank\",\"detail\":\"name - can't be blank\",\"status\":\"422\"}]}");
    assert_eq!(e.status, Some(422));
    assert_eq!(e.request.method.as_deref(), Some("POST"));
    assert_eq!(e.errors[0].title.as_deref(), Some("can't be blank"));
    let e = ev("#<Net::HTTPUnauthorized 401 Unauthorized readbody=true>");
    assert_eq!(e.status, Some(401));
    assert_eq!(e.platform, Some(Platform::Ruby));
    let e = ev("Faraday::UnauthorizedError: the server responded with status 401");
    assert_eq!(e.status, Some(401));
    let e = ev("oauthlib.oauth2.rfc6749.errors.InvalidClientError: (invalid_client) Client authentication failed due to unknown client.");
    assert_eq!(e.oauth_error.as_deref(), Some("invalid_client"));
    assert_eq!(e.platform, Some(Platform::Python));
    let e = ev("Response {type: 'cors', url: 'https://api.scopestack.io/acme/v1/me', redirected: false, status: 401, ok: false, statusText: '', headers: Headers, body: ReadableStream, bodyUsed: false}");
    assert_eq!(e.status, Some(401));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/me")
    );
}

#[test]
fn axios_to_json_object() {
    let e = ev(
        r#"{"message":"Request failed with status code 403","name":"AxiosError","config":{"method":"get","url":"/acme/v1/projects","baseURL":"https://api.scopestack.io","headers":{"Accept":"application/vnd.api+json","Authorization":"Bearer x"}},"code":"ERR_BAD_REQUEST","status":403}"#,
    );
    assert_eq!(e.formats, vec!["axios"]);
    assert_eq!(e.status, Some(403));
    assert_eq!(e.request.method.as_deref(), Some("GET"));
    assert_eq!(
        e.request.url.as_deref(),
        Some("https://api.scopestack.io/acme/v1/projects")
    );
    assert!(e.request.headers_seen);
}

#[test]
fn zapier_task_history_text() {
    let e = ev("Failed to create a client in ScopeStack\nThe app returned \"name - has already been taken\".");
    assert_eq!(e.formats, vec!["zapier"]);
    assert_eq!(e.platform, Some(Platform::Zapier));
    assert_eq!(
        e.errors[0].detail.as_deref(),
        Some("name - has already been taken")
    );
}

#[test]
fn www_authenticate_inside_logs_and_reprs() {
    let e = ev("2024-05-23 02:00:04,301 ERROR exporter: got 401, body was empty\n2024-05-23 02:00:04,301 ERROR exporter: www-authenticate: Bearer realm=\"Doorkeeper\", error=\"invalid_token\", error_description=\"The access token expired\"");
    assert_eq!(e.status, Some(401));
    assert_eq!(
        e.oauth_description.as_deref(),
        Some("The access token expired")
    );
    let e = ev(">>> r.status_code\n401\n>>> r.headers[\"WWW-Authenticate\"]\n'Bearer realm=\"Doorkeeper\", error=\"invalid_token\", error_description=\"The access token was revoked\"'");
    assert_eq!(e.status, Some(401));
    assert_eq!(e.oauth_error.as_deref(), Some("invalid_token"));
    assert_eq!(
        e.oauth_description.as_deref(),
        Some("The access token was revoked")
    );
    let e = ev("{'Content-Type': 'application/json', 'WWW-Authenticate': 'Bearer realm=\"Doorkeeper\", error=\"invalid_token\", error_description=\"The access token is invalid\"', 'X-Request-Id': 'abc'}");
    assert_eq!(
        e.oauth_description.as_deref(),
        Some("The access token is invalid")
    );
}

#[test]
fn doorkeeper_sentence_names_the_code() {
    let e = ev("https://app.scopestack.io/oauth/authorize?client_id=abc&redirect_uri=https%3A%2F%2Fx.example%2Fcb&response_type=code\n\nAn error has occurred\n\nThe requested redirect uri is malformed or doesn't match client redirect URI.");
    assert_eq!(e.oauth_error.as_deref(), Some("invalid_redirect_uri"));
    assert_eq!(
        e.oauth_description.as_deref(),
        Some("The requested redirect uri is malformed or doesn't match client redirect URI.")
    );
    assert_eq!(
        e.request
            .url
            .as_deref()
            .map(|u| u.starts_with("https://app.scopestack.io/oauth/authorize")),
        Some(true)
    );
}

#[test]
fn markdown_fences_and_quoted_replies() {
    let e = ev("Here's what I get:\n```\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"Doorkeeper\", error=\"invalid_token\", error_description=\"The access token expired\"\n```\nany idea?");
    assert_eq!(e.status, Some(401));
    assert!(e.empty_body);
    assert_eq!(e.body, None);
    let e = ev("On Tue, Sam wrote:\n> HTTP/1.1 422 Unprocessable Entity\n> Content-Type: application/vnd.api+json\n>\n> {\"errors\":[{\"title\":\"has already been taken\",\"detail\":\"name - has already been taken\",\"status\":\"422\"}]}\n\nCan you help?");
    assert_eq!(e.status, Some(422));
    assert_eq!(e.formats, vec!["json-api", "http-response"]);
    assert_eq!(e.errors[0].title.as_deref(), Some("has already been taken"));
}

#[test]
fn curl_body_runs_into_the_closing_note() {
    let e = ev("< HTTP/2 400\n< content-type: application/json\n<\n{\"error\":\"unsupported_grant_type\",\"error_description\":\"The authorization grant type is not supported by the authorization server.\"}* Connection #0 to host app.scopestack.io left intact");
    assert_eq!(e.status, Some(400));
    assert_eq!(e.oauth_error.as_deref(), Some("unsupported_grant_type"));
}
