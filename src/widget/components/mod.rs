//! The widget's building blocks, one component a file.

pub mod candidates;
pub mod checklist;
pub mod diagnosis_view;
pub mod paste_box;
pub mod reference;
pub mod section_view;
pub mod share_link;
pub mod support_bundle;
