//! The widget's building blocks, one component a file.

pub mod candidates;
pub mod checklist;
pub mod diagnosis_view;
pub mod live_call;
pub mod live_panel;
pub mod paste_box;
pub mod reference;
pub mod response_view;
pub mod rich_text;
pub mod section_view;
pub mod share_link;
pub mod support_bundle;
pub mod token_helper;
pub mod verify_view;
