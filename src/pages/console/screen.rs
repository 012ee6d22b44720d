//! The VNC screen on a `<canvas>`: one RFB session's bytes in, only the changed rectangles
//! drawn, and each update's decode and draw time recorded as User Timing measures
//! (`vnc-decode`, `vnc-draw`, with the bytes it took) for the benchmark and the browser's own
//! performance panel.

use std::cell::RefCell;

use wasm_bindgen::{Clamped, JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use crate::logic::rfb::{Draw, Event, RfbClient};

/// What the screen reports to the view.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ScreenInfo {
    pub width: u16,
    pub height: u16,
    /// The desktop's name as the server gave it.
    pub name: String,
}

/// One session's protocol state and the canvas it draws on.
pub struct Screen {
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    client: RefCell<RfbClient>,
    update: RefCell<UpdateTiming>,
    /// The first update arrived: the server has said which encodings and key events it
    /// takes (QEMU acknowledges extended key events in it), so input goes out as it should.
    ready: std::cell::Cell<bool>,
}

/// Time spent on the update being received.
#[derive(Default)]
struct UpdateTiming {
    started: Option<f64>,
    decode_ms: f64,
    draw_ms: f64,
    bytes: usize,
}

impl Screen {
    pub fn new(canvas: HtmlCanvasElement) -> Option<Self> {
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        context.set_image_smoothing_enabled(false);
        Some(Screen {
            canvas,
            context,
            client: RefCell::new(RfbClient::new()),
            update: RefCell::new(UpdateTiming::default()),
            ready: std::cell::Cell::new(false),
        })
    }

    /// Starts a new session (a new connection speaks the handshake again).
    pub fn restart(&self) {
        self.client.replace(RfbClient::new());
        self.update.replace(UpdateTiming::default());
        self.ready.set(false);
    }

    /// Whether the session is ready for input (see `ready`).
    pub fn ready(&self) -> bool {
        self.ready.get()
    }

    /// Takes the server's next bytes: draws what they change and returns the bytes to send
    /// back, plus the screen's size when the handshake finished or the size changed.
    pub fn receive(&self, bytes: &[u8]) -> Result<(Vec<u8>, Option<ScreenInfo>), String> {
        let started = now();
        let step = self
            .client
            .borrow_mut()
            .receive(bytes)
            .map_err(|err| err.to_string())?;
        let decoded = now();
        let mut info = None;
        {
            let mut timing = self.update.borrow_mut();
            timing.started.get_or_insert(started);
            timing.decode_ms += decoded - started;
            timing.bytes += bytes.len();
        }
        // Drawing is timed as whole stretches up to each update's end, not op by op: the
        // browser's clock is coarse (0.1 ms) and would round every small op to nothing.
        let mut stretch = now();
        for event in step.events {
            match event {
                Event::Connected(server) => {
                    self.resize(server.width, server.height);
                    info = Some(ScreenInfo {
                        width: server.width,
                        height: server.height,
                        name: server.name,
                    });
                }
                Event::Draw(Draw::Resize { w, h }) => {
                    self.resize(w, h);
                    info = Some(ScreenInfo {
                        width: w,
                        height: h,
                        name: info.map(|i: ScreenInfo| i.name).unwrap_or_default(),
                    });
                }
                Event::Draw(op) => self.draw(&op),
                Event::UpdateDone => {
                    self.ready.set(true);
                    let mut timing = self.update.borrow_mut();
                    let end = now();
                    timing.draw_ms += end - stretch;
                    stretch = end;
                    timing.finish();
                }
                Event::Bell | Event::CutText(_) | Event::ExtendedKeys => {}
            }
        }
        let draw_ms = now() - stretch;
        self.update.borrow_mut().draw_ms += draw_ms;
        Ok((step.reply, info))
    }

    /// The client, to turn input into messages.
    pub fn with_client<T>(&self, f: impl FnOnce(&RfbClient) -> T) -> T {
        f(&self.client.borrow())
    }

    fn resize(&self, width: u16, height: u16) {
        self.canvas.set_width(u32::from(width));
        self.canvas.set_height(u32::from(height));
        // A new size clears the canvas to transparent; the guest's screen starts black.
        self.context.set_fill_style_str("#000");
        self.context
            .fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    }

    fn draw(&self, op: &Draw) {
        match op {
            Draw::Pixels { x, y, w, h, rgba } => {
                let image = ImageData::new_with_u8_clamped_array_and_sh(
                    Clamped(rgba.as_slice()),
                    u32::from(*w),
                    u32::from(*h),
                );
                if let Ok(image) = image {
                    let _ = self
                        .context
                        .put_image_data(&image, f64::from(*x), f64::from(*y));
                }
            }
            Draw::Fill { x, y, w, h, rgba } => {
                let [r, g, b, _] = rgba;
                self.context
                    .set_fill_style_str(&format!("rgb({r},{g},{b})"));
                self.context
                    .fill_rect(f64::from(*x), f64::from(*y), f64::from(*w), f64::from(*h));
            }
            Draw::Copy {
                src_x,
                src_y,
                x,
                y,
                w,
                h,
            } => {
                // The canvas standard copies overlapping areas as if through a temporary image.
                let (w, h) = (f64::from(*w), f64::from(*h));
                let _ = self
                    .context
                    .draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                        &self.canvas,
                        f64::from(*src_x),
                        f64::from(*src_y),
                        w,
                        h,
                        f64::from(*x),
                        f64::from(*y),
                        w,
                        h,
                    );
            }
            Draw::Resize { .. } => {}
        }
    }
}

impl UpdateTiming {
    /// Records the finished update and starts counting the next.
    fn finish(&mut self) {
        if let Some(started) = self.started {
            measure("vnc-decode", started, self.decode_ms, self.bytes);
            measure("vnc-draw", started, self.draw_ms, self.bytes);
        }
        *self = UpdateTiming::default();
    }
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// `performance.measure(name, {start, duration, detail: {bytes}})`, the User Timing call that
/// takes a duration (web-sys has no binding for these options).
fn measure(name: &str, start: f64, duration: f64, bytes: usize) {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    let options = js_sys::Object::new();
    let detail = js_sys::Object::new();
    let set = |target: &js_sys::Object, key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), &value);
    };
    set(&detail, "bytes", JsValue::from_f64(bytes as f64));
    set(&options, "start", JsValue::from_f64(start));
    set(&options, "duration", JsValue::from_f64(duration.max(0.0)));
    set(&options, "detail", detail.into());
    let Ok(function) = js_sys::Reflect::get(&performance, &JsValue::from_str("measure")) else {
        return;
    };
    if let Some(function) = function.dyn_ref::<js_sys::Function>() {
        let _ = function.call2(&performance, &JsValue::from_str(name), &options);
    }
}
