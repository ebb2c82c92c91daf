//! The widget's building blocks, one component a file.

pub mod candidates;
pub mod checklist;
pub mod copy_button;
pub mod diagnosis_view;
pub mod har_save;
pub mod live_call;
pub mod live_panel;
pub mod paste_box;
pub mod pinpoint_view;
pub mod reference;
pub mod reply_view;
pub mod response_view;
pub mod rich_text;
pub mod section_view;
pub mod sent_expected_view;
pub mod share_link;
pub mod support_bundle;
pub mod token_helper;
pub mod verify_view;
