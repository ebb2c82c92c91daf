//! Run something once a value has stopped changing for a moment: how the
//! panel lints a request as it is typed without asking the engine at every
//! keystroke.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use yew::platform::spawn_local;
use yew::platform::time::sleep;
use yew::prelude::*;

#[hook]
pub fn use_debounced<T, F>(value: T, delay: Duration, run: F)
where
    T: PartialEq + Clone + 'static,
    F: FnOnce(T) + 'static,
{
    use_effect_with(value, move |value| {
        let value = value.clone();
        let cancelled = Rc::new(Cell::new(false));
        let flag = cancelled.clone();
        spawn_local(async move {
            sleep(delay).await;
            if !flag.get() {
                run(value);
            }
        });
        move || cancelled.set(true)
    });
}
