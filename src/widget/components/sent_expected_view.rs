//! What the request sent next to what it needed (a redirect_uri and the
//! callback on record, the host used and the host needed, the media type),
//! side by side like a diff: the part that differs is marked on both sides.
//! The pairs and their spans are the engine's; this draws them.

use yew::prelude::*;

use crate::engine::SentExpected;
use crate::widget::components::rich_text::marked;

/// A plain function, not a component: it holds no state (see `checklist`).
pub fn sent_expected_view(pairs: &[SentExpected]) -> Html {
    html! {
        <section class="ts-facts" data-role="sent-vs-expected" aria-labelledby="ts-sent-title">
            <h3 id="ts-sent-title">{ "What was sent, and what was expected" }</h3>
            { for pairs.iter().map(|p| html! {
                <dl data-what={p.what.clone()}>
                    <dt>{ "− " }{ &p.what }{ " sent" }</dt>
                    <dd data-side="sent">{ marked(&p.sent, p.sent_span) }</dd>
                    <dt>{ "+ expected" }</dt>
                    <dd data-side="expected">{ marked(&p.expected, p.expected_span) }</dd>
                </dl>
            }) }
        </section>
    }
}
