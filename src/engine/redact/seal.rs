//! The one scrub point: the last pass over every text that leaves the
//! engine (a diagnosis's reasons, `why`, facts and redacted paste, the
//! support message, a share link's paste, the CLI's report).
//!
//! Sentences the engine writes quote the paste, sometimes decoded (a URL's
//! query, a JSON string unescaped, Basic credentials decoded) or cut short.
//! So a sentence gets the paste's known secrets replaced (`scrub`) and then
//! the same masking as the paste (`redact`: names in any layout and the
//! layout-free layer), which catches a credential no rule saw in the paste.
//! Both are idempotent on masked text, so sealing twice is sealing once.

use super::{redact, scrub, Secret};
use crate::engine::diagnosis::Diagnosis;

/// `text` as it may leave the engine: `secrets` replaced, then masked like
/// a paste.
pub fn clean(text: &str, secrets: &[Secret]) -> String {
    redact(&scrub(text, secrets)).text
}

/// Seal every string of a diagnosis. `redacted` is the paste's redaction
/// already (masking it again would double the work on a 10 MB paste and
/// change nothing), so it only gets `secrets` replaced: those a live call
/// knows and the paste's pattern may have missed.
pub fn seal(d: &mut Diagnosis, secrets: &[Secret]) {
    let c = |s: &mut String| *s = clean(s, secrets);
    for s in &mut d.sections {
        s.reasons.iter_mut().for_each(c);
        c(&mut s.title);
    }
    for item in &mut d.checklist {
        if let Some(w) = item.why.as_mut() {
            c(w);
        }
    }
    let f = &mut d.facts;
    for field in [
        &mut f.format,
        &mut f.oauth_error,
        &mut f.method,
        &mut f.url,
        &mut f.account_slug,
        &mut f.attribute,
        &mut f.client,
    ] {
        if let Some(s) = field.as_mut() {
            c(s);
        }
    }
    f.details.iter_mut().for_each(c);
    f.pointers.iter_mut().for_each(c);
    if !secrets.is_empty() {
        d.redacted = scrub(&d.redacted, secrets);
    }
}
