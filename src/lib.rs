//! ScopeStack API Troubleshooter.
//!
//! Two houses: [`engine`] is pure Rust (evidence in, diagnosis out) and builds
//! and tests natively; `widget` is the Yew front end, compiled for the browser
//! only, which renders what the engine returns and holds no rules of its own.

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod live;
#[cfg(target_arch = "wasm32")]
pub mod widget;

/// Every module's allocator in the browser: talc is smaller than the
/// standard library's dlmalloc (README, "Size"), and the modules are
/// single-threaded, which its dynamic wasm allocator assumes.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
