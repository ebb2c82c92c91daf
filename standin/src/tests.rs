//! Unit checks of the pieces the HTTP tests cannot reach cheaply (a one-minute cap,
//! calendar arithmetic, option parsing).

use std::time::Duration;

use crate::config;
use crate::edge::{delay_for, MAX_DELAY};
use crate::params::Params;
use crate::store::iso8601;

#[test]
fn delay_is_capped_at_a_minute_and_slow_has_a_default() {
    let q = |s: &str| Params::from_query(Some(s));
    assert_eq!(delay_for("/v1/me", &q("delay_ms=999999999")), MAX_DELAY);
    assert_eq!(
        delay_for("/v1/me", &q("delay_ms=250")),
        Duration::from_millis(250)
    );
    assert_eq!(delay_for("/v1/me", &q("delay_ms=soon")), Duration::ZERO);
    assert_eq!(delay_for("/v1/me", &q("")), Duration::ZERO);
    assert_eq!(delay_for("/slow", &q("")), Duration::from_secs(30));
    assert_eq!(
        delay_for("/slow/", &q("delay_ms=5")),
        Duration::from_millis(5)
    );
}

#[test]
fn iso8601_formats_rails_style_utc() {
    assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
    assert_eq!(iso8601(951_782_400_123), "2000-02-29T00:00:00.123Z");
    assert_eq!(iso8601(1_735_689_599_000), "2024-12-31T23:59:59.000Z");
}

#[test]
fn options_parse_and_replace_the_default_origin() {
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let cfg = config::parse(args(&[])).unwrap().unwrap();
    assert_eq!(cfg.port, 8787);
    assert_eq!(cfg.ttl, Duration::from_secs(600));
    assert_eq!(cfg.token_ttl_secs, 7200);
    assert_eq!(cfg.allow_origins, ["http://127.0.0.1:8080"]);
    let cfg = config::parse(args(&[
        "--port",
        "0",
        "--allow-origin",
        "http://a.test/",
        "--ttl",
        "5",
    ]))
    .unwrap()
    .unwrap();
    assert_eq!((cfg.port, cfg.ttl), (0, Duration::from_secs(5)));
    assert_eq!(cfg.allow_origins, ["http://a.test"]);
    assert!(config::parse(args(&["--help"])).unwrap().is_none());
    assert!(config::parse(args(&["--port", "-1"])).is_err());
    assert!(config::parse(args(&["--ttl"])).is_err());
}
