//! Time and identifiers, which the pure core takes as arguments.

/// The current time, ISO 8601 in UTC, e.g. `2026-11-25T10:00:00.000Z`.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// An ISO 8601 time as the reader's own clock and language show it ("4 Dec 2026, 16:02"); the
/// text as it is if it is not a time.
pub fn local_time(iso: &str) -> String {
    let date = js_sys::Date::new(&iso.into());
    if date.get_time().is_nan() {
        return iso.to_string();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    String::from(date.to_locale_string("default", &options))
}

/// A new identifier: the time in milliseconds and 48 random bits, in base 36. Unique enough for
/// one person's library, and sortable by creation time.
pub fn new_id(prefix: &str) -> String {
    let millis = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * (1u64 << 48) as f64) as u64;
    format!("{prefix}{}{}", base36(millis), base36(random))
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII digits")
}

/// Milliseconds since the page started, for splitting long work into short tasks.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or_else(js_sys::Date::now, |p| p.now())
}

/// Long work on the page's thread, cut into slices of a few milliseconds: the caller does a
/// little at a time and calls [`Slices::pause_if_spent`] between, which lets the browser draw
/// and answer input once the slice's time is spent. Pausing by time, not by count: a pause is a
/// timer (at least 4 ms once they nest), and pausing every hundred items spent more time
/// waiting than working (bench/tool_import.mjs).
pub struct Slices {
    budget_ms: f64,
    started: f64,
}

impl Slices {
    /// Milliseconds of work between two pauses.
    pub const DEFAULT_MS: f64 = 30.0;

    pub fn new(budget_ms: f64) -> Self {
        Slices { budget_ms, started: now_ms() }
    }

    /// Lets the browser work if this slice's time is spent, and starts the next.
    pub async fn pause_if_spent(&mut self) {
        if now_ms() - self.started > self.budget_ms {
            yield_to_browser().await;
            self.started = now_ms();
        }
    }
}

/// Lets the browser handle input and paint before the caller goes on (a zero-delay timer), so
/// that long work split at these points never freezes the page for long.
pub async fn yield_to_browser() {
    sleep_ms(0).await;
}

/// Waits `ms` milliseconds (a timer), letting the browser work meanwhile.
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window()
            .is_some_and(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).is_ok());
        if !scheduled {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs `work` in the task right after the next frame: once a change is painted, and with the
/// page's layout still clean, so that what reads it (the selection, a focus) lays nothing out
/// inside the change's own script, and what takes long (a save) does not delay its paint.
pub fn after_next_frame(work: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else { return };
    let in_next_task = wasm_bindgen::closure::Closure::once_into_js(move || {
        let callback = wasm_bindgen::closure::Closure::once_into_js(work);
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(callback.unchecked_ref());
        }
    });
    let _ = window.request_animation_frame(in_next_task.unchecked_ref());
}

/// Runs `work` once the browser is idle: after pending input and the next paint, or within
/// `at_most` if the page stays busy. Where `requestIdleCallback` is missing (Safari), after a
/// short timer instead.
pub fn when_idle(at_most: std::time::Duration, work: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else { return };
    let callback = wasm_bindgen::closure::Closure::once_into_js(work);
    let callback: &js_sys::Function = callback.unchecked_ref();
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(at_most.as_millis() as u32);
    if window.request_idle_callback_with_options(callback, &options).is_err() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(callback, 20);
    }
}

/// Starts the User Timing span `name` ("aa-import", …), ended by [`end_span`]. The app never
/// reads these: the benchmark and the browser's performance panel do.
pub fn start_span(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(&format!("{name}:start"));
    }
}

/// Ends the span `name`, replacing its previous measure, so that a long session keeps one entry
/// per name.
pub fn end_span(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let start = format!("{name}:start");
        performance.clear_measures_with_measure_name(name);
        let _ = performance.measure_with_start_mark(name, &start);
        performance.clear_marks_with_mark_name(&start);
    }
}

/// Runs `work` as the User Timing span `name`.
pub fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    start_span(name);
    let out = work();
    end_span(name);
    out
}
