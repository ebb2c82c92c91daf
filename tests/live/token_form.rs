//! The token form: its lint, look-alike characters, the request it stands for.

use super::*;

#[test]
fn a_good_token_form_has_no_findings() {
    for grant in [
        "client_credentials",
        "password",
        "authorization_code",
        "refresh_token",
    ] {
        let f = lint_token(&token_form(grant));
        assert!(f.is_empty(), "{grant}: {f:?}");
    }
    let mut scoped = token_form("client_credentials");
    scoped.scope = "read write".into();
    assert!(lint_token(&scoped).is_empty());
}

#[test]
fn token_lint_rules() {
    let check = |form: TokenRequest, id: &str, severity: Severity, field: Field, check: &str| {
        let findings = lint_token(&form);
        let f = finding(&findings, id);
        assert_eq!(f.severity, severity, "{id}");
        assert_eq!(f.field, field, "{id}");
        assert_eq!(f.check.as_deref(), Some(check), "{id}");
        let json = serde_json::to_string(&findings).unwrap();
        for s in [SECRET, PASSWORD] {
            assert!(!json.contains(s), "{id}: {json}");
        }
        findings
    };
    let mut f = token_form("password");
    f.grant_type = "Password".into();
    let found = check(
        f,
        "grant-type-unknown",
        Severity::Error,
        Field::Grant,
        "oauth-unsupported-grant-type/bad-grant-type",
    );
    assert!(finding(&found, "grant-type-unknown")
        .message
        .contains("exactly as password"));
    check(
        TokenRequest {
            grant_type: String::new(),
            ..token_form("client_credentials")
        },
        "grant-type-missing",
        Severity::Error,
        Field::Grant,
        "oauth-invalid-request/missing-parameter",
    );
    check(
        TokenRequest {
            redirect_uri: "https://oauth.pstmn.io/v1/callback".into(),
            ..token_form("password")
        },
        "password-grant-redirect-uri",
        Severity::Error,
        Field::RedirectUri,
        "oauth-invalid-grant/postman-password-helper",
    );
    let missing = [
        (
            "client_credentials",
            "client_id",
            "client-id-missing",
            Field::ClientId,
        ),
        (
            "client_credentials",
            "client_secret",
            "client-secret-missing",
            Field::ClientId,
        ),
        (
            "password",
            "client_secret",
            "client-secret-missing",
            Field::ClientId,
        ),
        ("password", "username", "username-missing", Field::Body),
        ("password", "password", "password-missing", Field::Body),
        ("authorization_code", "code", "code-missing", Field::Body),
        (
            "authorization_code",
            "redirect_uri",
            "redirect-uri-missing",
            Field::RedirectUri,
        ),
        (
            "refresh_token",
            "refresh_token",
            "refresh-token-missing",
            Field::Body,
        ),
    ];
    for (grant, field_name, id, field) in missing {
        let mut form = token_form(grant);
        match field_name {
            "client_id" => form.client_id.clear(),
            "client_secret" => form.client_secret.clear(),
            "username" => form.username.clear(),
            "password" => form.password.clear(),
            "code" => form.code.clear(),
            "redirect_uri" => form.redirect_uri.clear(),
            _ => form.refresh_token.clear(),
        }
        let found = check(
            form,
            id,
            Severity::Error,
            field,
            "oauth-invalid-request/missing-parameter",
        );
        assert_eq!(found.len(), 1, "{grant}/{field_name}: {:?}", ids(&found));
    }
    // Public clients send no secret with a code or a refresh token.
    for grant in ["authorization_code", "refresh_token"] {
        let form = TokenRequest {
            client_secret: String::new(),
            ..token_form(grant)
        };
        assert!(lint_token(&form).is_empty(), "{grant}");
    }
    let found = check(
        TokenRequest {
            client_id: "aB1cDlO".into(),
            ..token_form("client_credentials")
        },
        "client-id-confusable",
        Severity::Warning,
        Field::ClientId,
        "oauth-invalid-client/character-confusion",
    );
    let msg = &finding(&found, "client-id-confusable").message;
    assert!(
        msg.contains("3 (“1”)") && msg.contains("6 (“l”)") && msg.contains("7 (“O”)"),
        "{msg}"
    );
    check(
        TokenRequest {
            url: "https://api.scopestack.io/oauth/token".into(),
            ..token_form("client_credentials")
        },
        "token-url-on-api-host",
        Severity::Error,
        Field::Origin,
        "oauth-invalid-client/wrong-host",
    );
    check(
        TokenRequest {
            url: "https://app.scopestack.io/oauth/tokens".into(),
            ..token_form("client_credentials")
        },
        "token-url-path",
        Severity::Error,
        Field::Path,
        "404-not-found/url-format",
    );
    check(
        TokenRequest {
            client_secret: format!("{SECRET} "),
            ..token_form("client_credentials")
        },
        "client-secret-whitespace",
        Severity::Warning,
        Field::ClientId,
        "oauth-invalid-client/wrong-credentials",
    );
    check(
        TokenRequest {
            username: "ada".into(),
            ..token_form("password")
        },
        "username-not-email",
        Severity::Warning,
        Field::Body,
        "oauth-invalid-resource-owner/unknown-email",
    );
    check(
        TokenRequest {
            scope: "read,write".into(),
            ..token_form("password")
        },
        "scope-unknown",
        Severity::Warning,
        Field::Body,
        "oauth-invalid-scope/scope-value",
    );
}

#[test]
fn confusable_positions_are_char_indices() {
    assert_eq!(confusable("abc"), Vec::<usize>::new());
    assert_eq!(confusable("I l 1 O 0"), vec![0, 2, 4, 6, 8]);
    // Indices count characters, not bytes.
    assert_eq!(confusable("é1ñO"), vec![1, 3]);
    assert_eq!(confusable("o0iL"), vec![1]);
}

#[test]
fn the_token_request_carries_only_what_the_grant_uses() {
    let mut form = token_form("password");
    form.code = "stale-code".into();
    form.refresh_token = "stale-refresh".into();
    form.scope = "read write".into();
    form.password = "p@ss w&rd=1".into();
    let req = token_http_request(&form);
    assert_eq!(req.method, "POST");
    assert_eq!(req.url, "https://app.scopestack.io/oauth/token");
    assert!(req
        .headers
        .contains(&h("Content-Type", "application/x-www-form-urlencoded")));
    assert_eq!(
        req.body.as_deref(),
        Some(&*format!(
            "grant_type=password&client_id=abcdefghjk&client_secret={SECRET}&username=ada%40example.com&password=p%40ss+w%26rd%3D1&scope=read+write"
        ))
    );

    let cc = token_http_request(&TokenRequest {
        username: "ada@example.com".into(),
        ..token_form("client_credentials")
    });
    assert_eq!(
        cc.body.as_deref(),
        Some(&*format!(
            "grant_type=client_credentials&client_id=abcdefghjk&client_secret={SECRET}"
        ))
    );

    let code = token_http_request(&token_form("authorization_code"));
    assert_eq!(
        code.body.as_deref(),
        Some(&*format!("grant_type=authorization_code&client_id=abcdefghjk&client_secret={SECRET}&code=Zq9-auth-code-XY&redirect_uri=https%3A%2F%2Fexample.com%2Fcallback"))
    );

    let refresh = token_http_request(&token_form("refresh_token"));
    assert_eq!(
        refresh.body.as_deref(),
        Some(&*format!("grant_type=refresh_token&client_id=abcdefghjk&client_secret={SECRET}&refresh_token=rT-9a8b7c6d5e4f3a2b1c0d"))
    );

    // redirect_uri goes along whenever it is filled: the Postman mistake.
    let postman = token_http_request(&TokenRequest {
        redirect_uri: "https://oauth.pstmn.io/v1/callback".into(),
        ..token_form("password")
    });
    assert!(postman
        .body
        .as_deref()
        .unwrap()
        .ends_with("&redirect_uri=https%3A%2F%2Foauth.pstmn.io%2Fv1%2Fcallback"));
}
