//! The member a 400 or 422 names, shown where it stands: the request body
//! that was sent with that member marked, or, when the body lacks it, the
//! engine's minimal JSON:API body with its place marked. The sentence and
//! the body are the engine's (redacted there); this only draws the mark.

use yew::prelude::*;

use crate::engine::Pinpoint;
use crate::widget::components::rich_text::marked;

/// A plain function, not a component: it holds no state (see `checklist`).
pub fn pinpoint_view(p: &Pinpoint) -> Html {
    html! {
        <section class="ts-pinpoint" data-role="pinpoint" data-present={if p.present { "true" } else { "false" }}
            aria-labelledby="ts-pinpoint-title">
            <h3 id="ts-pinpoint-title">{ "Where the error points" }</h3>
            <p>{ &p.note }</p>
            <pre class="ts-body" tabindex="0" aria-describedby="ts-pinpoint-title">{ marked(&p.body, p.span) }</pre>
        </section>
    }
}
