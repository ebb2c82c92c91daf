//! What a live call sends and what comes back, as the widget and the engine
//! exchange them.

use serde::{Deserialize, Serialize};

/// A request as the widget will send it (or has sent it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

/// What came back, as the browser reported it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpResponse {
    pub status: u16,
    /// Empty over HTTP/2, where there is no reason phrase.
    pub status_text: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub elapsed_ms: u32,
}

/// Why no response arrived, as far as the browser lets the widget tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    Cors,
    Offline,
    Dns,
    Refused,
    Timeout,
    Aborted,
    /// The widget refused to send it: its URL's origin is not an allowed
    /// one (`live::refusal` says why). Nothing left the page.
    NotAllowed,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Response(HttpResponse),
    Failure { kind: FailureKind, message: String },
}

/// The token form, as typed. Empty strings are fields left blank.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TokenRequest {
    pub url: String,
    pub grant_type: String,
    pub client_id: String,
    pub client_secret: String,
    pub username: String,
    pub password: String,
    pub code: String,
    pub redirect_uri: String,
    pub refresh_token: String,
    pub scope: String,
}

impl TokenRequest {
    /// Every form field by its wire name.
    pub(crate) fn fields(&self) -> [(&'static str, &str); 9] {
        [
            ("grant_type", &self.grant_type),
            ("client_id", &self.client_id),
            ("client_secret", &self.client_secret),
            ("username", &self.username),
            ("password", &self.password),
            ("code", &self.code),
            ("redirect_uri", &self.redirect_uri),
            ("refresh_token", &self.refresh_token),
            ("scope", &self.scope),
        ]
    }

    /// A form field by its wire name (`url` for the token URL); empty for
    /// a name the form has not.
    pub fn get(&self, name: &str) -> &str {
        if name == "url" {
            return &self.url;
        }
        self.fields()
            .into_iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, v)| v)
    }

    /// Set a form field by its wire name (`url` for the token URL); a name
    /// the form has not is ignored.
    pub fn set(&mut self, name: &str, value: String) {
        let field = match name {
            "url" => &mut self.url,
            "grant_type" => &mut self.grant_type,
            "client_id" => &mut self.client_id,
            "client_secret" => &mut self.client_secret,
            "username" => &mut self.username,
            "password" => &mut self.password,
            "code" => &mut self.code,
            "redirect_uri" => &mut self.redirect_uri,
            "refresh_token" => &mut self.refresh_token,
            "scope" => &mut self.scope,
            _ => return,
        };
        *field = value;
    }
}
