//! In-memory state of the stand-in: accounts, users, OAuth applications, tokens,
//! authorization codes, projects and clients, plus the clock and token minting.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

pub const SCOPES_DEFAULT: &str = "read write";
/// Doorkeeper's default lifetime of an authorization code.
pub const CODE_TTL_MS: u64 = 600_000;

#[derive(Debug, Clone)]
pub struct Account {
    pub id: u64,
    pub slug: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserState {
    Active,
    Deactivated,
    /// Invited but the invitation was never accepted, so there is no usable password yet.
    InvitationPending,
}

#[derive(Debug, Clone)]
pub struct User {
    pub id: u64,
    pub account_id: u64,
    pub name: String,
    pub email: String,
    pub password: String,
    pub can_write: bool,
    pub state: UserState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    Password,
    ClientCredentials,
    AuthorizationCode,
    RefreshToken,
}

/// A Doorkeeper "application": what a client id and secret identify.
#[derive(Debug, Clone)]
pub struct Application {
    pub uid: String,
    pub secret: String,
    pub redirect_uri: Option<String>,
    pub grants: Vec<Grant>,
    /// The user a client_credentials token acts as (ScopeStack's service accounts).
    pub service_user: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct AccessToken {
    pub user_id: u64,
    pub scopes: String,
    pub created_ms: u64,
    pub expires_in_secs: u64,
    pub revoked: bool,
    pub refresh_token: Option<String>,
}

impl AccessToken {
    pub fn expired(&self, now_ms: u64) -> bool {
        now_ms >= self.created_ms + self.expires_in_secs * 1000
    }
}

#[derive(Debug, Clone)]
pub struct RefreshToken {
    pub access_token: String,
    pub app_uid: String,
    pub user_id: u64,
    pub scopes: String,
    /// Set once it has been exchanged: Doorkeeper refuses a refresh token used twice.
    pub spent: bool,
}

#[derive(Debug, Clone)]
pub struct AuthCode {
    pub app_uid: String,
    pub user_id: u64,
    pub redirect_uri: String,
    pub scopes: String,
    pub expires_ms: u64,
    pub used: bool,
}

#[derive(Debug, Clone)]
pub struct Project {
    pub id: u64,
    pub account_id: u64,
    pub name: String,
    pub client_id: u64,
    pub service_locations: u64,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone)]
pub struct Customer {
    pub id: u64,
    pub account_id: u64,
    pub name: String,
    pub created_at: String,
}

#[derive(Debug, Default)]
pub struct Store {
    pub accounts: Vec<Account>,
    pub users: Vec<User>,
    pub apps: Vec<Application>,
    pub tokens: HashMap<String, AccessToken>,
    pub refresh_tokens: HashMap<String, RefreshToken>,
    pub codes: HashMap<String, AuthCode>,
    pub projects: Vec<Project>,
    /// ScopeStack's "clients" resource (the customers a project is for), not OAuth clients.
    pub customers: Vec<Customer>,
    pub next_id: u64,
}

impl Store {
    pub fn account_by_slug(&self, slug: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.slug == slug)
    }

    pub fn account(&self, id: u64) -> Option<&Account> {
        self.accounts.iter().find(|a| a.id == id)
    }

    pub fn user(&self, id: u64) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub fn app(&self, uid: &str) -> Option<&Application> {
        self.apps.iter().find(|a| a.uid == uid)
    }

    pub fn fresh_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Issues an access token (and a refresh token unless `with_refresh` is false).
    pub fn issue(
        &mut self,
        user_id: u64,
        app_uid: &str,
        scopes: &str,
        ttl_secs: u64,
        with_refresh: bool,
    ) -> (String, AccessToken) {
        let access = random_token();
        let refresh = with_refresh.then(random_token);
        let token = AccessToken {
            user_id,
            scopes: scopes.to_string(),
            created_ms: now_ms(),
            expires_in_secs: ttl_secs,
            revoked: false,
            refresh_token: refresh.clone(),
        };
        if let Some(r) = refresh {
            self.refresh_tokens.insert(
                r,
                RefreshToken {
                    access_token: access.clone(),
                    app_uid: app_uid.to_string(),
                    user_id,
                    scopes: scopes.to_string(),
                    spent: false,
                },
            );
        }
        self.tokens.insert(access.clone(), token.clone());
        (access, token)
    }
}

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// 43 url-safe characters from 32 random bytes, the shape of a Doorkeeper token.
pub fn random_token() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bytes = [0u8; 43];
    if getrandom::fill(&mut bytes).is_err() {
        // No OS randomness is no reason to stop a test server; mix the clock instead.
        let mut x = now_ms() ^ 0x9E37_79B9_7F4A_7C15;
        for b in bytes.iter_mut() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = x as u8;
        }
    }
    bytes
        .iter()
        .map(|b| ALPHABET[(*b & 63) as usize] as char)
        .collect()
}

/// `2024-05-01T12:00:00.000Z` for a Unix time in milliseconds (Rails' JSON time format).
pub fn iso8601(ms: u64) -> String {
    let secs = ms / 1000;
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        ms % 1000
    )
}
