//! The fixed seed data every stand-in starts with. `README.md` documents it as a table;
//! tests and demos rely on these exact values, so change both together.

use crate::store::{
    iso8601, now_ms, AccessToken, Account, Application, AuthCode, Customer, Grant, Project,
    RefreshToken, Store, User, UserState, SCOPES_DEFAULT,
};

pub const ACME: u64 = 1001;
pub const NORTHWIND: u64 = 2002;

pub const ADMIN: u64 = 11;
pub const READER: u64 = 12;
pub const DEACTIVATED: u64 = 13;
pub const INVITED: u64 = 14;
pub const SERVICE: u64 = 15;
pub const NORTH_ADMIN: u64 = 21;

/// The everyday client: password and refresh grants. Its id has `l`, `O`, `0`, `I`, `1`
/// side by side, the characters people confuse when copying ids from e-mail.
pub const CLIENT_UID: &str = "ssk-lO0I1-pw-7dQ2mX9vTb4LcR8nE3aWf6Yh";
pub const CLIENT_SECRET: &str = "ssk-secret-pw-Vq3Zr8Kd2Lm7Tx5Pn9Hc4Wb";
pub const SERVICE_UID: &str = "ssk-svc-acme-2Gh7Jk4Np9Qs3Tv8Wx5Yz";
pub const SERVICE_SECRET: &str = "ssk-secret-svc-Bc6Df2Gh8Jk3Lm9Np4Qr";
pub const AUTHCODE_UID: &str = "ssk-web-acme-5Rt2Yu8Io3Pa6Sd9Fg4Hj";
pub const AUTHCODE_SECRET: &str = "ssk-secret-web-Kl7Zx3Cv8Bn2Mq6We9Rt";
pub const AUTHCODE_REDIRECT: &str = "http://127.0.0.1:8080/oauth/callback";

/// Valid long enough to outlive any stand-in run.
const SEED_TOKEN_SECS: u64 = 10 * 365 * 24 * 3600;

pub fn store() -> Store {
    let now = now_ms();
    let stamp = iso8601(now.saturating_sub(30 * 24 * 3600 * 1000));
    let mut s = Store {
        next_id: 1000,
        ..Store::default()
    };
    s.accounts = vec![account(ACME, "acme"), account(NORTHWIND, "northwind-it")];
    s.users = vec![
        user(
            ADMIN,
            ACME,
            "Ada Admin",
            "ada.admin@acme.example",
            "Acme-Admin-Pass-1",
            true,
            UserState::Active,
        ),
        user(
            READER,
            ACME,
            "Rita Reader",
            "rita.reader@acme.example",
            "Acme-Reader-Pass-1",
            false,
            UserState::Active,
        ),
        user(
            DEACTIVATED,
            ACME,
            "Dan Departed",
            "dan.departed@acme.example",
            "Acme-Former-Pass-1",
            true,
            UserState::Deactivated,
        ),
        user(
            INVITED,
            ACME,
            "Ivy Invited",
            "ivy.invited@acme.example",
            "Acme-Invited-Pass-1",
            true,
            UserState::InvitationPending,
        ),
        user(
            SERVICE,
            ACME,
            "Acme Service Account",
            "service@acme.example",
            "",
            true,
            UserState::Active,
        ),
        user(
            NORTH_ADMIN,
            NORTHWIND,
            "Nora North",
            "nora.north@northwind-it.example",
            "Northwind-Pass-1",
            true,
            UserState::Active,
        ),
    ];
    s.apps = vec![
        Application {
            uid: CLIENT_UID.into(),
            secret: CLIENT_SECRET.into(),
            redirect_uri: None,
            grants: vec![Grant::Password, Grant::RefreshToken],
            service_user: None,
        },
        Application {
            uid: SERVICE_UID.into(),
            secret: SERVICE_SECRET.into(),
            redirect_uri: None,
            grants: vec![Grant::ClientCredentials],
            service_user: Some(SERVICE),
        },
        Application {
            uid: AUTHCODE_UID.into(),
            secret: AUTHCODE_SECRET.into(),
            redirect_uri: Some(AUTHCODE_REDIRECT.into()),
            grants: vec![Grant::AuthorizationCode, Grant::RefreshToken],
            service_user: None,
        },
    ];
    let token =
        |user_id, created_ms, expires_in_secs, revoked, refresh: Option<&str>| AccessToken {
            user_id,
            scopes: SCOPES_DEFAULT.into(),
            created_ms,
            expires_in_secs,
            revoked,
            refresh_token: refresh.map(str::to_string),
        };
    let tokens = [
        (
            "standin-admin-token",
            token(
                ADMIN,
                now,
                SEED_TOKEN_SECS,
                false,
                Some("standin-admin-refresh"),
            ),
        ),
        (
            "standin-readonly-token",
            token(READER, now, SEED_TOKEN_SECS, false, None),
        ),
        // Issued three hours ago with the default two-hour lifetime.
        (
            "standin-expired-token",
            token(
                ADMIN,
                now.saturating_sub(3 * 3600 * 1000),
                7200,
                false,
                Some("standin-expired-refresh"),
            ),
        ),
        (
            "standin-revoked-token",
            token(
                ADMIN,
                now,
                SEED_TOKEN_SECS,
                true,
                Some("standin-spent-refresh"),
            ),
        ),
        (
            "standin-northwind-token",
            token(NORTH_ADMIN, now, SEED_TOKEN_SECS, false, None),
        ),
    ];
    s.tokens = tokens
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let refresh = |access: &str, spent| RefreshToken {
        access_token: access.into(),
        app_uid: CLIENT_UID.into(),
        user_id: ADMIN,
        scopes: SCOPES_DEFAULT.into(),
        spent,
    };
    s.refresh_tokens = [
        (
            "standin-admin-refresh",
            refresh("standin-admin-token", false),
        ),
        (
            "standin-expired-refresh",
            refresh("standin-expired-token", false),
        ),
        (
            "standin-spent-refresh",
            refresh("standin-revoked-token", true),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let code = |expires_ms| AuthCode {
        app_uid: AUTHCODE_UID.into(),
        user_id: ADMIN,
        redirect_uri: AUTHCODE_REDIRECT.into(),
        scopes: SCOPES_DEFAULT.into(),
        expires_ms,
        used: false,
    };
    s.codes = [
        ("standin-auth-code", code(now + 3600 * 1000)),
        ("standin-expired-code", code(now.saturating_sub(60 * 1000))),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    s.customers = vec![
        customer(501, ACME, "Globex Corporation", &stamp),
        customer(502, ACME, "Initech", &stamp),
        customer(503, ACME, "Umbrella Health", &stamp),
        customer(601, NORTHWIND, "Contoso Ltd", &stamp),
    ];
    s.projects = vec![
        project(101, ACME, "Branch Office Refresh", 501, 3, &stamp),
        project(102, ACME, "Campus Network Rollout", 502, 25, &stamp),
        project(201, NORTHWIND, "Data Center Move", 601, 2, &stamp),
    ];
    s
}

fn account(id: u64, slug: &str) -> Account {
    Account {
        id,
        slug: slug.into(),
    }
}

fn user(
    id: u64,
    account_id: u64,
    name: &str,
    email: &str,
    password: &str,
    can_write: bool,
    state: UserState,
) -> User {
    User {
        id,
        account_id,
        name: name.into(),
        email: email.into(),
        password: password.into(),
        can_write,
        state,
    }
}

fn customer(id: u64, account_id: u64, name: &str, stamp: &str) -> Customer {
    Customer {
        id,
        account_id,
        name: name.into(),
        created_at: stamp.into(),
    }
}

fn project(
    id: u64,
    account_id: u64,
    name: &str,
    client_id: u64,
    service_locations: u64,
    stamp: &str,
) -> Project {
    Project {
        id,
        account_id,
        name: name.into(),
        client_id,
        service_locations,
        created_at: stamp.into(),
        updated_at: stamp.into(),
    }
}
