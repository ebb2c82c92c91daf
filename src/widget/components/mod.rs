//! The widget's building blocks, one component a file.

pub mod paste_box;
pub mod result;
