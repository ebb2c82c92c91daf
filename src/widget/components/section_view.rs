//! One section of the article, as it applies to this paste: what it means,
//! what in the paste led here, the checklist, and a link to the article.

use yew::prelude::*;

use crate::engine::api::SectionInfo;
use crate::engine::{ChecklistItem, Diagnosis};
use crate::widget::components::checklist::checklist;
use crate::widget::components::rich_text::rich_text;

/// The section, for a paste (`d`, the diagnosis) or browsed without
/// evidence (`browsed`, its checklist). A plain function, as `checklist`.
pub fn section_view(
    section: &SectionInfo,
    d: Option<&Diagnosis>,
    browsed: Option<&[ChecklistItem]>,
    ticked: &[String],
    on_toggle: &Callback<String>,
) -> Html {
    let ranked = d.and_then(|d| d.sections.iter().find(|s| s.id == section.id));
    let items: Vec<&ChecklistItem> = match d {
        Some(d) if d.checklist.iter().any(|c| c.section == section.id) => d
            .checklist
            .iter()
            .filter(|c| c.section == section.id)
            .collect(),
        _ => browsed.unwrap_or_default().iter().collect(),
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
            { checklist(&items, ticked, on_toggle) }
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
                    { "Read “" }{ &section.title }{ "” in the official article" }
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
