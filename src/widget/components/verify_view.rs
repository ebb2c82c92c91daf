//! What a change to a failing call did, as the engine compared the two
//! calls (`engine::verify`): its sentence, and the first call's flagged
//! checks each marked fixed or still holding. Part of the live panel only.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::verify::{Verification, VerifiedCheck};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub verification: Rc<Verification>,
}

fn item(c: &VerifiedCheck, state: &'static str, label: &'static str) -> Html {
    html! {
        <li data-verified-check={c.id.clone()} data-state={state}>
            <strong>{ label }</strong>{ " " }{ &c.check }
        </li>
    }
}

#[function_component(VerifyView)]
pub fn verify_view(props: &Props) -> Html {
    let v = &props.verification;
    let outcome = if v.resolved {
        "resolved"
    } else if v.different {
        "different"
    } else {
        "same"
    };
    html! {
        <section class="ts-verify" data-role="verification" data-outcome={outcome}
            aria-label="What the change did">
            <h3>{ "What the change did" }</h3>
            <p data-role="verification-text">{ &v.sentence }</p>
            if !v.fixed.is_empty() || !v.holding.is_empty() {
                <ul class="ts-checks">
                    { for v.fixed.iter().map(|c| item(c, "fixed", "Fixed:")) }
                    { for v.holding.iter().map(|c| item(c, "holding", "Still holds:")) }
                </ul>
            }
        </section>
    }
}
