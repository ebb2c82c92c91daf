//! Hooks that tie the state to the outside: the engine (through the
//! backend), the URL fragment, and storage.

pub mod use_debounced;
pub mod use_diagnosis;
pub mod use_engine_views;
pub mod use_fragment;
pub mod use_host;
pub mod use_live_panel;
pub mod use_persisted_ticks;

pub use use_debounced::use_debounced;
pub use use_diagnosis::use_diagnosis;
pub use use_engine_views::use_engine_views;
pub use use_fragment::use_fragment;
pub use use_host::use_host;
pub use use_live_panel::use_live_panel;
pub use use_persisted_ticks::use_persisted_ticks;
