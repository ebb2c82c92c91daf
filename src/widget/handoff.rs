//! The names the widget and the live-panel module agree on to hand over a
//! mount element and to ask for a section: a leaf both sides read, so
//! neither imports the other's entry point.

/// Where widgets queue mount elements before the panel module runs.
pub const MOUNT_QUEUE: &str = "__scopestackLivePanelQueue";
/// The function the running panel module leaves for later mounts.
pub const MOUNT_FUNCTION: &str = "__scopestackMountLivePanel";
/// The DOM event the panel sends on its mount element to open a section.
pub const OPEN_EVENT: &str = "scopestack-open-section";
