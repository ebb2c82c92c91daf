//! The signals found so far: each id once, with the first sentence for it.
//! A leaf every family of signals writes to.

/// A named fact with the evidence behind it, in one sentence for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal {
    pub id: String,
    pub why: String,
}

/// The signals found so far, each id once.
/// Start empty: `Out::default()`.
#[derive(Default)]
pub(super) struct Out(pub(super) Vec<Signal>);

impl Out {
    pub(super) fn add(&mut self, id: impl Into<String>, why: impl Into<String>) {
        let id = id.into();
        if !self.0.iter().any(|s| s.id == id) {
            self.0.push(Signal {
                id,
                why: why.into(),
            });
        }
    }

    /// [`Out::add`] for a sentence worth building only if the signal is new:
    /// the same message repeated in a 100-error body is read once.
    pub(super) fn add_with(&mut self, id: &str, why: impl FnOnce() -> String) {
        if !self.has(id) {
            self.0.push(Signal {
                id: id.to_string(),
                why: why(),
            });
        }
    }
    pub(super) fn has(&self, id: &str) -> bool {
        self.0.iter().any(|s| s.id == id)
    }
}
