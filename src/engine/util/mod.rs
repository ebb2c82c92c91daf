//! Leaf helpers: text in, text out, nothing else of the engine below them.
//! `url` reads URLs, `percent` encodes and decodes percent escapes, `quote`
//! shortens and unquotes text for a sentence, `needle` finds a phrase in
//! lower-cased text.

pub mod needle;
pub mod percent;
pub mod quote;
pub mod url;
