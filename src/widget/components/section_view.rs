//! One section of the article, as it applies to this paste: what it means,
//! what in the paste led here, the checklist, and a link to the article.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::api::SectionInfo;
use crate::engine::{ChecklistItem, Diagnosis};
use crate::widget::components::checklist::Checklist;
use crate::widget::components::rich_text::rich_text;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub section: SectionInfo,
    /// The diagnosis, when the section is shown for a paste.
    pub diagnosis: Option<Rc<Diagnosis>>,
    /// The checklist when browsing without evidence.
    pub browsed_items: Option<Rc<Vec<ChecklistItem>>>,
    pub ticked: Vec<String>,
    pub on_toggle: Callback<String>,
}

#[function_component(SectionView)]
pub fn section_view(props: &Props) -> Html {
    let section = &props.section;
    let d = props.diagnosis.as_deref();
    let ranked = d.and_then(|d| d.sections.iter().find(|s| s.id == section.id));
    let items: Vec<ChecklistItem> = match d {
        Some(d) if d.checklist.iter().any(|c| c.section == section.id) => d
            .checklist
            .iter()
            .filter(|c| c.section == section.id)
            .cloned()
            .collect(),
        _ => props.browsed_items.as_deref().cloned().unwrap_or_default(),
    };
    let is_primary = d.and_then(|d| d.primary.as_deref()) == Some(section.id.as_str());
    let heading_id = format!("ts-section-{}", section.id);
    html! {
        <article class="ts-section" data-section={section.id.clone()} aria-labelledby={heading_id.clone()}>
            <header class="ts-section-head">
                <span class="ts-code">{ &section.code }</span>
                <h2 id={heading_id}>{ &section.title }</h2>
                <span class="ts-category">{ &section.category }</span>
            </header>
            if is_primary {
                <p class="ts-verdict">{ "This is the best match for what you pasted." }</p>
            }
            <p class="ts-summary">{ rich_text(&section.summary) }</p>
            if let Some(r) = ranked.filter(|r| !r.reasons.is_empty()) {
                <section class="ts-reasons" aria-label="Why this section">
                    <h3>{ "What in your paste led here" }</h3>
                    <ul>{ for r.reasons.iter().map(|x| html! { <li>{ x }</li> }) }</ul>
                </section>
            }
            if let Some(d) = d.filter(|_| ranked.is_some()) {
                { facts(d) }
            }
            <Checklist items={Rc::new(items)} ticked={props.ticked.clone()} on_toggle={props.on_toggle.clone()} />
            if !section.advice.is_empty() {
                <section class="ts-advice" aria-label="More advice">
                    { for section.advice.iter().map(|a| html! { <p>{ rich_text(a) }</p> }) }
                </section>
            }
            if let Some(example) = &section.example {
                <details class="ts-example">
                    <summary>{ "What this error looks like" }</summary>
                    <pre>{ example }</pre>
                </details>
            }
            <p class="ts-doc">
                <a href={section.doc_url.clone()} target="_blank" rel="noopener noreferrer">
                    { format!("Read “{}” in the official article", section.title) }
                </a>
            </p>
        </article>
    }
}

/// The facts the engine found, as a definition list.
fn facts(d: &Diagnosis) -> Html {
    let f = &d.facts;
    let mut rows: Vec<(&str, String)> = Vec::new();
    if let Some(x) = f.status {
        rows.push(("Status", x.to_string()));
    }
    if let Some(x) = &f.oauth_error {
        rows.push(("OAuth error", x.clone()));
    }
    match (&f.method, &f.url) {
        (Some(m), Some(u)) => rows.push(("Endpoint", format!("{m} {u}"))),
        (None, Some(u)) => rows.push(("Endpoint", u.clone())),
        _ => {}
    }
    if let Some(x) = &f.account_slug {
        rows.push(("Account slug", x.clone()));
    }
    if let Some(x) = &f.attribute {
        rows.push(("Failing attribute", x.clone()));
    }
    for detail in f.details.iter().take(5) {
        rows.push(("Message", detail.clone()));
    }
    if let Some(x) = &f.format {
        rows.push(("Recognised as", x.clone()));
    }
    if rows.is_empty() {
        return html! {};
    }
    html! {
        <section class="ts-facts" aria-label="Facts found in your paste">
            <h3>{ "Found in your paste" }</h3>
            <dl>
                { for rows.into_iter().map(|(k, v)| html! { <><dt>{ k }</dt><dd>{ v }</dd></> }) }
            </dl>
        </section>
    }
}
