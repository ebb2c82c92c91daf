//! No secret comes back out of an exchange.

use super::*;

#[test]
fn no_secret_comes_back_from_an_exchange() {
    let creds = TokenRequest {
        client_secret: SECRET.into(),
        password: PASSWORD.into(),
        ..token_form("password")
    };
    let token_req = token_http_request(&creds);
    let granted = response(
        200,
        &[("Content-Type", "application/json; charset=utf-8")],
        &format!(
            r#"{{"access_token":"{TOKEN}","token_type":"Bearer","expires_in":7200,"refresh_token":"rT-0a1b2c3d4e5f6a7b8c9d","scope":"read write","created_at":1732600000}}"#
        ),
    );
    let d = diagnose_exchange(&token_req, &granted);
    assert_eq!(d.primary, None);
    assert_clean(&d, &[TOKEN, SECRET, PASSWORD, "rT-0a1b2c3d4e5f6a7b8c9d"]);
    let summary = d.redaction_summary.as_deref().unwrap_or_default();
    assert!(
        summary.contains("client secret") && summary.contains("password"),
        "{summary}"
    );

    let d = diagnose_exchange(&token_req, &oauth_answer("invalid_grant", INVALID_GRANT));
    assert_clean(&d, &[SECRET, PASSWORD]);
    assert!(d.redacted.contains("grant_type=password"), "{}", d.redacted);

    // Malformed bearer values the pattern redaction could not recognise.
    let shapes = [
        format!("Bearer \"{TOKEN}\""),
        format!("Bearer '{TOKEN}'"),
        format!("Bearer Bearer {TOKEN}"),
        format!("Bearer {} {}", &TOKEN[..12], &TOKEN[12..]),
        format!("Bearer {TOKEN}…"),
        format!(r#"Bearer {{"access_token":"{TOKEN}","token_type":"Bearer"}}"#),
        TOKEN.to_string(),
        format!("Token {TOKEN}"),
        "Bearer sh0rt".to_string(),
    ];
    for shape in shapes {
        let req = with_header(
            api("GET", "/acme/v1/projects"),
            "Authorization",
            Some(&shape),
        );
        for outcome in [
            response(401, &[("WWW-Authenticate", INVALID)], ""),
            Outcome::Failure {
                kind: FailureKind::Cors,
                message: String::new(),
            },
        ] {
            let d = diagnose_exchange(&req, &outcome);
            let pieces: Vec<&str> =
                if shape.contains(' ') && shape.contains(&TOKEN[..12]) && !shape.contains(TOKEN) {
                    vec![&TOKEN[..12], &TOKEN[12..]]
                } else if shape == "Bearer sh0rt" {
                    vec!["sh0rt"]
                } else {
                    vec![TOKEN]
                };
            assert_clean(&d, &pieces);
            assert!(d.redaction_summary.is_some(), "{shape}");
        }
    }
}
