//! What kind of paste it was: the [`Format`]s recognised in it and the
//! [`Platform`] it came from. Both are closed sets, so a recogniser cannot
//! name one that does not exist, and their names (the CLI's `facts.format`
//! and `facts.client`, a fixture's `format:` header, the `client:` signals)
//! are written once, here.
//!
//! `Platform` is what the *evidence* saw (Postman's console, a Python
//! traceback); the tool a user says they build with is the support bundle's
//! `Client`, a different list.

use serde::{Serialize, Serializer};

/// A format a recogniser found. Declaration order is precedence, most
/// specific first: what the error body says outranks the container it came
/// in, and containers outrank loose messages and mentions. `formats` is
/// kept sorted in this order, so the first is the headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    JsonApi,
    OauthJson,
    RailsJson,
    RubyHash,
    Oauth2Gem,
    HttpResponse,
    CurlInclude,
    CurlVerbose,
    CurlCommand,
    PostmanConsole,
    Har,
    Workato,
    Zapier,
    PythonTraceback,
    PythonDict,
    Axios,
    ClientError,
    FetchError,
    CorsMessage,
    NetworkMessage,
    GatewayHtml,
    WwwAuthenticate,
    BareStatus,
    BareCode,
    Prose,
}

impl Format {
    /// The public name: what the CLI JSON and fixtures' `format:` say.
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::JsonApi => "json-api",
            Format::OauthJson => "oauth-json",
            Format::RailsJson => "rails-json",
            Format::RubyHash => "ruby-hash",
            Format::Oauth2Gem => "oauth2-gem",
            Format::HttpResponse => "http-response",
            Format::CurlInclude => "curl-include",
            Format::CurlVerbose => "curl-verbose",
            Format::CurlCommand => "curl-command",
            Format::PostmanConsole => "postman-console",
            Format::Har => "har",
            Format::Workato => "workato",
            Format::Zapier => "zapier",
            Format::PythonTraceback => "python-traceback",
            Format::PythonDict => "python-dict",
            Format::Axios => "axios",
            Format::ClientError => "client-error",
            Format::FetchError => "fetch-error",
            Format::CorsMessage => "cors-message",
            Format::NetworkMessage => "network-message",
            Format::GatewayHtml => "gateway-html",
            Format::WwwAuthenticate => "www-authenticate",
            Format::BareStatus => "bare-status",
            Format::BareCode => "bare-code",
            Format::Prose => "prose",
        }
    }
}

/// The platform or client library a paste came from, as its evidence shows.
/// Declared from the most telling down; [`Platform::rank`] groups them,
/// since platforms of one rank are equals (the first one named is kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Platform {
    Workato,
    Zapier,
    Postman,
    Python,
    Axios,
    Ruby,
    Curl,
    Browser,
}

impl Platform {
    pub const ALL: [Platform; 8] = [
        Platform::Workato,
        Platform::Zapier,
        Platform::Postman,
        Platform::Python,
        Platform::Axios,
        Platform::Ruby,
        Platform::Curl,
        Platform::Browser,
    ];

    /// The public name: the CLI's `facts.client`, the `client:` signal ids.
    pub const fn as_str(self) -> &'static str {
        match self {
            Platform::Workato => "workato",
            Platform::Zapier => "zapier",
            Platform::Postman => "postman",
            Platform::Python => "python",
            Platform::Axios => "axios",
            Platform::Ruby => "ruby",
            Platform::Curl => "curl",
            Platform::Browser => "browser",
        }
    }

    /// The platform of a public name.
    pub fn from_name(name: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|p| p.as_str() == name)
    }

    /// How telling a structured sighting is: platforms outrank the
    /// libraries they run, and libraries outrank curl and the browser. (A
    /// word in prose ranks below them all: `Collector::platform_mentioned`.)
    pub(crate) const fn rank(self) -> u8 {
        match self {
            Platform::Workato | Platform::Zapier => 6,
            Platform::Postman => 5,
            Platform::Python | Platform::Axios | Platform::Ruby => 4,
            Platform::Curl => 3,
            Platform::Browser => 2,
        }
    }
}

macro_rules! named {
    ($($kind:ty),*) => {$(
        impl Serialize for $kind {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl std::fmt::Display for $kind {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Tests and callers may compare with the public name.
        impl PartialEq<&str> for $kind {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    )*};
}

named!(Format, Platform);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_platform_is_found_by_its_name() {
        for p in Platform::ALL {
            assert_eq!(Platform::from_name(p.as_str()), Some(p));
        }
        assert_eq!(Platform::from_name("custom"), None);
    }

    #[test]
    fn formats_serialise_as_their_names() {
        let json = serde_json::to_string(&[Format::JsonApi, Format::Oauth2Gem]).unwrap_or_default();
        assert_eq!(json, r#"["json-api","oauth2-gem"]"#);
        assert!(Format::JsonApi < Format::Har && Format::Har < Format::Prose);
    }
}
