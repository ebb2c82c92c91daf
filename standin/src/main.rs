//! `standin`: a local stand-in of the ScopeStack API for tests and offline demos.
//! It binds to 127.0.0.1 only, answers like the real OAuth server (Doorkeeper) and
//! JSON:API layer (JSONAPI::Resources), and stops by itself after `--ttl` seconds.

mod api;
mod config;
mod edge;
mod oauth;
mod params;
mod respond;
mod routes;
mod seed;
mod state;
mod store;
#[cfg(test)]
mod tests;

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use axum::middleware::from_fn_with_state;
use axum::Router;
use tokio::net::TcpListener;

/// In-flight requests get this long to finish once a stop was asked for.
const GRACE: Duration = Duration::from_secs(2);

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cfg = match config::parse(std::env::args().skip(1)) {
        Ok(Some(cfg)) => cfg,
        Ok(None) => {
            println!("{}", config::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("standin: {message}");
            return ExitCode::from(2);
        }
    };
    let listener = match TcpListener::bind(("127.0.0.1", cfg.port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("standin: cannot bind 127.0.0.1:{}: {e}", cfg.port);
            return ExitCode::FAILURE;
        }
    };
    let port = match listener.local_addr() {
        Ok(a) => a.port(),
        Err(e) => {
            eprintln!("standin: no local address: {e}");
            return ExitCode::FAILURE;
        }
    };
    let base = format!("http://127.0.0.1:{port}");
    // Tests read this first line to learn the port, so it goes out before anything else.
    println!("listening on {base}");
    let _ = std::io::stdout().flush();

    let ttl = cfg.ttl;
    let state = state::AppState::new(cfg, base, seed::store());
    let app = Router::new()
        .fallback(routes::dispatch)
        .layer(from_fn_with_state(state.clone(), edge::edge))
        .with_state(state);
    let server = axum::serve(listener, app).with_graceful_shutdown(stop_signal(ttl));
    tokio::select! {
        result = server => {
            if let Err(e) = result {
                eprintln!("standin: server error: {e}");
                return ExitCode::FAILURE;
            }
        }
        // A slow request (up to a minute) must not keep a stopped server alive.
        _ = async { stop_signal(ttl).await; tokio::time::sleep(GRACE).await } => {}
    }
    eprintln!("standin: stopped");
    ExitCode::SUCCESS
}

async fn stop_signal(ttl: Duration) {
    let terminate = async {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            match signal(SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        }
        #[cfg(not(unix))]
        std::future::pending::<()>().await
    };
    tokio::select! {
        _ = tokio::time::sleep(ttl) => eprintln!("standin: ttl reached"),
        _ = tokio::signal::ctrl_c() => eprintln!("standin: interrupted"),
        _ = terminate => eprintln!("standin: terminated"),
    }
}
