//! The state shared by all requests: the configuration, the base URL and the store.

use std::sync::{Arc, Mutex, MutexGuard};

use crate::config::Config;
use crate::store::Store;

pub struct AppState {
    pub cfg: Config,
    /// `http://127.0.0.1:PORT`, for `links.self` in JSON:API documents.
    pub base: String,
    store: Mutex<Store>,
}

pub type Shared = Arc<AppState>;

impl AppState {
    pub fn new(cfg: Config, base: String, store: Store) -> Shared {
        Arc::new(AppState {
            cfg,
            base,
            store: Mutex::new(store),
        })
    }

    /// A panic while holding the lock leaves the data usable for a test server, so a
    /// poisoned lock is taken over rather than turned into more panics.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }
}
