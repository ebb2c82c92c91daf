//! Live exchanges diagnosed: the stand-in's answers for every error, each way a call can fail.

use super::*;

#[test]
fn unauthorized_exchanges() {
    use CheckState::*;
    let get = api("GET", "/acme/v1/projects");
    let d = assert_diagnosis(
        &get,
        &response(
            401,
            &[("WWW-Authenticate", EXPIRED), ("Cache-Control", "no-store")],
            "",
        ),
        "401-unauthorized",
        &[
            ("401-unauthorized/token-expired", Confirmed),
            ("401-unauthorized/header-missing", RuledOut),
            ("401-unauthorized/token-malformed", RuledOut),
        ],
    );
    assert_eq!(d.facts.status, Some(401));
    assert!(
        d.redacted.contains("< HTTP/1.1 401 Unauthorized"),
        "{}",
        d.redacted
    );
    assert!(d
        .redacted
        .starts_with("> GET https://api.scopestack.io/acme/v1/projects\n"));

    assert_diagnosis(
        &get,
        &response(401, &[("WWW-Authenticate", INVALID)], ""),
        "401-unauthorized",
        &[
            ("401-unauthorized/token-unknown", Confirmed),
            ("401-unauthorized/token-expired", RuledOut),
        ],
    );

    let missing = with_header(get.clone(), "Authorization", None);
    let d = assert_diagnosis(
        &missing,
        &response(
            401,
            &[(
                "WWW-Authenticate",
                r#"Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token is invalid""#,
            )],
            "",
        ),
        "401-unauthorized",
        &[("401-unauthorized/header-missing", Confirmed)],
    );
    // The headers are known, so the checklist settles what a paste cannot.
    assert!(d
        .checklist
        .iter()
        .any(|c| c.id == "401-unauthorized/token-malformed" && c.state == RuledOut));

    let quoted = with_header(get, "Authorization", Some(&format!("Bearer \"{TOKEN}\"")));
    assert_diagnosis(
        &quoted,
        &response(401, &[("WWW-Authenticate", INVALID)], ""),
        "401-unauthorized",
        &[("401-unauthorized/token-malformed", Confirmed)],
    );
}

#[test]
fn forbidden_exchanges() {
    use CheckState::*;
    let body = r#"{"errors":[{"title":"Forbidden","detail":"You are not allowed to perform this action.","code":"403","status":"403"}]}"#;
    // A read-only user writing.
    let d = assert_diagnosis(
        &api("POST", "/acme/v1/projects"),
        &json_api(403, body),
        "403-forbidden",
        &[
            ("403-forbidden/role-lacks-permission", Likely),
            ("403-forbidden/expired-token-edge-case", Unknown),
        ],
    );
    assert!(d.facts.details.iter().any(|x| x.contains("not allowed")));
    // A slug of another account.
    let d = assert_diagnosis(
        &api("GET", "/globex/v1/projects"),
        &json_api(403, body),
        "403-forbidden",
        &[("403-forbidden/wrong-account", Likely)],
    );
    assert_eq!(d.facts.account_slug.as_deref(), Some("globex"));
}

#[test]
fn not_found_exchanges() {
    use CheckState::*;
    let record = |id: &str| {
        format!(
            r#"{{"errors":[{{"title":"Record not found","detail":"The record identified by {id} could not be found.","code":"404","status":"404"}}]}}"#
        )
    };
    assert_diagnosis(
        &api("GET", "/acme/v1/projects/999999"),
        &json_api(404, &record("999999")),
        "404-not-found",
        &[
            // The error names the URL's record id: that id is the problem.
            ("404-not-found/wrong-id", Confirmed),
            ("404-not-found/deleted", Likely),
            ("404-not-found/url-format", RuledOut),
            ("404-not-found/wrong-host", RuledOut),
        ],
    );
    assert_diagnosis(
        &api("GET", "/nosuchco/v1/projects"),
        &json_api(404, &record("nosuchco")),
        "404-not-found",
        &[
            // The error names the URL's slug: the account is the problem.
            ("404-not-found/account-context", Confirmed),
            ("404-not-found/wrong-id", RuledOut),
            ("404-not-found/url-format", RuledOut),
        ],
    );
    assert_diagnosis(
        &api("GET", "/v1/projects"),
        &response(
            404,
            &[("Content-Type", "application/json; charset=utf-8")],
            r#"{"status":404,"error":"Not Found"}"#,
        ),
        "404-not-found",
        &[("404-not-found/url-format", Confirmed)],
    );
    let mut app = api("GET", "/acme/v1/projects");
    app.url = "https://app.scopestack.io/acme/v1/projects".into();
    assert_diagnosis(
        &app,
        &response(404, &[], r#"{"status":404,"error":"Not Found"}"#),
        "404-not-found",
        &[("404-not-found/wrong-host", Confirmed)],
    );
}

#[test]
fn bad_request_and_media_type_exchanges() {
    use CheckState::*;
    let mut filter = api("GET", "/acme/v1/projects?filter[created-before]=2024-01-01");
    filter.url = filter.url.replace("[", "%5B").replace("]", "%5D");
    assert_diagnosis(
        &filter,
        &json_api(
            400,
            r#"{"errors":[{"title":"Filter not allowed","detail":"created-before is not allowed.","code":"102","status":"400"}]}"#,
        ),
        "400-bad-request",
        &[("400-bad-request/filter-not-supported", Confirmed)],
    );

    let wrong_accept = with_header(
        api("GET", "/acme/v1/projects"),
        "Accept",
        Some("application/json"),
    );
    assert_diagnosis(
        &wrong_accept,
        &json_api(
            406,
            r#"{"errors":[{"title":"Not acceptable","detail":"All requests must use the 'application/vnd.api+json' Accept without media type parameters. This request specified 'application/json'.","code":"406","status":"406"}]}"#,
        ),
        "required-headers",
        &[
            ("required-headers/wrong-accept", Confirmed),
            ("required-headers/missing-accept", RuledOut),
            ("required-headers/missing-authorization", RuledOut),
        ],
    );

    let wrong_ct = with_header(
        api("POST", "/acme/v1/projects"),
        "Content-Type",
        Some("application/json"),
    );
    assert_diagnosis(
        &wrong_ct,
        &json_api(
            415,
            r#"{"errors":[{"title":"Unsupported media type","detail":"All requests that create or update must use the 'application/vnd.api+json' Content-Type. This request specified 'application/json'.","code":"415","status":"415"}]}"#,
        ),
        "required-headers",
        &[
            ("required-headers/wrong-content-type", Confirmed),
            ("required-headers/missing-content-type", RuledOut),
            ("required-headers/missing-accept", RuledOut),
        ],
    );

    let no_ct = with_header(api("POST", "/acme/v1/projects"), "Content-Type", None);
    assert_diagnosis(
        &no_ct,
        &json_api(
            415,
            r#"{"errors":[{"title":"Unsupported media type","detail":"All requests that create or update must use the 'application/vnd.api+json' Content-Type. This request specified ''.","code":"415","status":"415"}]}"#,
        ),
        "required-headers",
        &[("required-headers/missing-content-type", Confirmed)],
    );
}

#[test]
fn validation_exchanges() {
    use CheckState::*;
    assert_diagnosis(
        &api("POST", "/acme/v1/projects"),
        &json_api(
            422,
            r#"{"errors":[{"title":"can't be blank","detail":"project-name - can't be blank","code":"100","source":{"pointer":"/data/attributes/project-name"},"status":"422"}]}"#,
        ),
        "422-unprocessable-entity",
        &[("422-unprocessable-entity/blank-field", Confirmed)],
    );
    let d = assert_diagnosis(
        &api("POST", "/acme/v1/projects"),
        &json_api(
            422,
            r#"{"errors":[{"title":"has already been taken","detail":"name - has already been taken","code":"100","source":{"pointer":"/data/attributes/name"},"status":"422"}]}"#,
        ),
        "422-unprocessable-entity",
        &[("422-unprocessable-entity/uniqueness", Confirmed)],
    );
    assert_eq!(d.facts.attribute.as_deref(), Some("name"));
}

#[test]
fn merge_data_exchanges() {
    use CheckState::*;
    let page = "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    assert_diagnosis(
        &api("GET", "/acme/v1/projects/42/merge-data"),
        &response(
            504,
            &[("Content-Type", "text/html"), ("Server", "nginx")],
            page,
        ),
        "504-gateway-timeout",
        &[("504-gateway-timeout/merge-data-v1", Confirmed)],
    );
    let d = diagnose_exchange(
        &api("GET", "/acme/v1/projects/42/merge-data?version=2"),
        &json_api(
            200,
            r#"{"data":{"id":"42","type":"merge-data","attributes":{"project-name":"Fabric refresh"}}}"#,
        ),
    );
    assert_eq!(d.primary, None);
    assert!(d.sections.is_empty());
    assert_eq!(d.facts.status, Some(200));
    assert_clean(&d, &[TOKEN]);
}

#[test]
fn oauth_exchanges() {
    use CheckState::*;
    let form = TokenRequest {
        client_id: "Abc1lO0xyz".into(),
        ..token_form("client_credentials")
    };
    let d = assert_diagnosis(
        &token_http_request(&form),
        &oauth_answer("invalid_client", INVALID_CLIENT),
        "oauth-invalid-client",
        &[
            ("oauth-invalid-client/character-confusion", Likely),
            ("oauth-invalid-client/wrong-host", RuledOut),
        ],
    );
    assert_eq!(d.facts.oauth_error.as_deref(), Some("invalid_client"));
    assert_eq!(d.facts.status, Some(401));

    let postman = TokenRequest {
        redirect_uri: "https://oauth.pstmn.io/v1/callback".into(),
        ..token_form("password")
    };
    assert_diagnosis(
        &token_http_request(&postman),
        &oauth_answer("invalid_grant", INVALID_GRANT),
        "oauth-invalid-grant",
        &[
            ("oauth-invalid-grant/postman-password-helper", Confirmed),
            ("oauth-invalid-grant/wrong-password", Likely),
        ],
    );
    assert_diagnosis(
        &token_http_request(&token_form("password")),
        &oauth_answer("invalid_grant", INVALID_GRANT),
        "oauth-invalid-grant",
        &[
            ("oauth-invalid-grant/postman-password-helper", RuledOut),
            ("oauth-invalid-grant/wrong-password", Likely),
            ("oauth-invalid-grant/code-expired", RuledOut),
        ],
    );

    assert_diagnosis(
        &token_http_request(&token_form("password")),
        &oauth_answer(
            "invalid_resource_owner",
            "The provided resource owner credentials are not valid, or resource owner cannot be found.",
        ),
        "oauth-invalid-resource-owner",
        &[("oauth-invalid-resource-owner/unknown-email", Likely)],
    );

    let bad_grant = TokenRequest {
        grant_type: "client-credentials".into(),
        ..token_form("client_credentials")
    };
    assert_diagnosis(
        &token_http_request(&bad_grant),
        &oauth_answer(
            "unsupported_grant_type",
            "The authorization grant type is not supported by the authorization server.",
        ),
        "oauth-unsupported-grant-type",
        &[("oauth-unsupported-grant-type/bad-grant-type", Confirmed)],
    );

    // The token endpoint asked on the api host.
    let api_host = TokenRequest {
        url: "https://api.scopestack.io/oauth/token".into(),
        ..token_form("client_credentials")
    };
    assert_diagnosis(
        &token_http_request(&api_host),
        &response(404, &[], r#"{"status":404,"error":"Not Found"}"#),
        "404-not-found",
        &[("404-not-found/wrong-host", Confirmed)],
    );
}

#[test]
fn failure_exchanges() {
    use CheckState::*;
    let get = api("GET", "/acme/v1/projects");
    let cases = [
        (FailureKind::Cors, "network-error/cors-blocked", Confirmed),
        (
            FailureKind::Offline,
            "network-error/offline-or-dns",
            Confirmed,
        ),
        (FailureKind::Dns, "network-error/offline-or-dns", Confirmed),
        (
            FailureKind::Refused,
            "network-error/connection-refused",
            Confirmed,
        ),
        (FailureKind::Timeout, "network-error/timeout", Confirmed),
        (FailureKind::Aborted, "network-error/aborted", Confirmed),
        (FailureKind::Unknown, "network-error/cors-blocked", Likely),
    ];
    for (kind, check, want) in cases {
        for message in ["TypeError: Failed to fetch", ""] {
            let outcome = Outcome::Failure {
                kind,
                message: message.into(),
            };
            let d = assert_diagnosis(&get, &outcome, "network-error", &[(check, want)]);
            assert_eq!(d.facts.status, None, "{kind:?}");
            assert!(d.redacted.contains("* no response:"), "{}", d.redacted);
            if !message.is_empty() {
                assert!(d.redacted.contains(message));
            }
        }
    }
}
