//! Command-line options of the stand-in server.

use std::time::Duration;

/// Everything the command line can set; `Config::default()` is what a bare `standin` runs with.
#[derive(Debug, Clone)]
pub struct Config {
    pub port: u16,
    /// The server stops by itself after this long, so a forgotten demo never lingers.
    pub ttl: Duration,
    /// Lifetime of tokens issued by `/oauth/token` (Doorkeeper's default is two hours).
    pub token_ttl_secs: u64,
    pub allow_origins: Vec<String>,
    pub refuse_origins: Vec<String>,
    /// How long the v1 merge data of a large project "computes" before the gateway gives up.
    pub gateway_delay: Duration,
    /// A real gateway's 504 page carries no CORS headers (the app never answered); off by
    /// default so a browser page can still read the 504 in widget tests.
    pub gateway_without_cors: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: 8787,
            ttl: Duration::from_secs(600),
            token_ttl_secs: 7200,
            allow_origins: vec!["http://127.0.0.1:8080".to_string()],
            refuse_origins: Vec::new(),
            gateway_delay: Duration::from_millis(500),
            gateway_without_cors: false,
        }
    }
}

pub const USAGE: &str = "\
standin: a local stand-in of the ScopeStack API (127.0.0.1 only)

USAGE: standin [OPTIONS]
  --port N               port to bind on 127.0.0.1 (default 8787; 0 picks a free one)
  --ttl SECONDS          stop by itself after this long (default 600)
  --token-ttl SECONDS    lifetime of issued access tokens (default 7200)
  --allow-origin ORIGIN  CORS origin to allow; repeatable (default http://127.0.0.1:8080)
  --refuse-origin ORIGIN origin that never gets CORS headers, even if allowed; repeatable
  --gateway-delay-ms N   delay before the v1 merge-data 504 (default 500)
  --gateway-without-cors the 504 gateway page carries no CORS headers, as a real gateway's
  -h, --help             this text

The first line on stdout is `listening on http://127.0.0.1:PORT`.";

/// Parses the arguments after the program name; `Ok(None)` means help was asked for.
pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Option<Config>, String> {
    let mut cfg = Config::default();
    let mut custom_origins: Option<Vec<String>> = None;
    let mut it = args.into_iter();
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--port" => cfg.port = number(&value("--port")?, "--port")?,
            "--ttl" => cfg.ttl = Duration::from_secs(number(&value("--ttl")?, "--ttl")?),
            "--token-ttl" => cfg.token_ttl_secs = number(&value("--token-ttl")?, "--token-ttl")?,
            "--gateway-delay-ms" => {
                let ms = number(&value("--gateway-delay-ms")?, "--gateway-delay-ms")?;
                cfg.gateway_delay = Duration::from_millis(ms);
            }
            "--allow-origin" => custom_origins
                .get_or_insert_with(Vec::new)
                .push(origin(value("--allow-origin")?)),
            "--refuse-origin" => cfg.refuse_origins.push(origin(value("--refuse-origin")?)),
            "--gateway-without-cors" => cfg.gateway_without_cors = true,
            other => return Err(format!("unknown option {other:?}\n\n{USAGE}")),
        }
    }
    if let Some(origins) = custom_origins {
        cfg.allow_origins = origins;
    }
    Ok(Some(cfg))
}

fn number<T: std::str::FromStr>(text: &str, flag: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{flag} wants a non-negative number, not {text:?}"))
}

/// Browsers send origins without a trailing slash; people often type one.
fn origin(text: String) -> String {
    text.trim_end_matches('/').to_string()
}
