//! What the window shows before the page has drawn: the page's own background in the desktop's
//! theme. Measured under Xvfb from launch (tests/bench/frames.py), a window shown at once went
//! black (X), then GTK's grey, then WebKit's white, then the page: a white flash on a dark desktop
//! and a black one on a light desktop. The window is built hidden, given the page's background
//! (its GTK window, its webview and, on Linux, the X window itself, which X paints at the moment
//! it maps, before any program draws) and only then shown.
//!
//! Leaves the page's colours to `ui/styles.css`: `LIGHT` and `DARK` mirror its `--bg` (a test reads
//! the style sheet), and the theme is decided as the webview decides `prefers-color-scheme`.

use tauri::window::Color;
use tauri::{Runtime, WebviewWindow};

/// `--bg` of ui/styles.css, light.
pub const LIGHT: Color = Color(0xf6, 0xf7, 0xfb, 0xff);
/// `--bg` of ui/styles.css, in `prefers-color-scheme: dark`.
pub const DARK: Color = Color(0x12, 0x15, 0x1c, 0xff);

/// The page's background for a dark or light desktop.
pub fn page_background(dark: bool) -> Color {
    if dark {
        DARK
    } else {
        LIGHT
    }
}

/// Whether the page will draw dark, before it has drawn. On Linux as WebKitGTK decides
/// `prefers-color-scheme` for a GTK 3 view: the settings' dark preference, a theme named `*-dark`,
/// or `GTK_THEME=<name>:dark`. Elsewhere the window's own theme, which the webview follows.
#[cfg(target_os = "linux")]
pub fn desktop_is_dark<R: Runtime>(_window: &WebviewWindow<R>) -> bool {
    use gtk::prelude::*;
    let settings = gtk::Settings::default();
    let from_settings = settings.as_ref().is_some_and(|s| {
        s.is_gtk_application_prefer_dark_theme() || s.gtk_theme_name().is_some_and(|n| n.ends_with("-dark"))
    });
    from_settings || std::env::var("GTK_THEME").is_ok_and(|theme| theme.ends_with(":dark"))
}

#[cfg(not(target_os = "linux"))]
pub fn desktop_is_dark<R: Runtime>(window: &WebviewWindow<R>) -> bool {
    window.theme().is_ok_and(|theme| theme == tauri::Theme::Dark)
}

/// Paints the hidden `window` in the page's background for the desktop's theme, then shows it.
pub fn show_in_page_colours<R: Runtime>(window: &WebviewWindow<R>) -> tauri::Result<()> {
    let colour = page_background(desktop_is_dark(window));
    // The GTK window (or the native one) and the webview, drawn before the page's first frame.
    window.set_background_color(Some(colour))?;
    #[cfg(target_os = "linux")]
    paint_x_window(window, colour);
    window.show()
}

/// The X window's own background, which the X server fills in when the window maps, before GTK
/// has drawn anything (what was black). GTK 3 keeps this call for exactly this (it is deprecated
/// only in favour of drawing, which comes later); gtk-rs no longer wraps it.
#[cfg(target_os = "linux")]
fn paint_x_window<R: Runtime>(window: &WebviewWindow<R>, Color(r, g, b, _): Color) {
    use gtk::glib::translate::ToGlibPtr;
    use gtk::prelude::*;
    let Ok(gtk_window) = window.gtk_window() else { return };
    gtk_window.realize();
    let Some(gdk_window) = gtk_window.window() else { return };
    let rgba = gtk::gdk::ffi::GdkRGBA {
        red: f64::from(r) / 255.0,
        green: f64::from(g) / 255.0,
        blue: f64::from(b) / 255.0,
        alpha: 1.0,
    };
    // SAFETY: a realized GdkWindow owned by this window, and a colour that lives for the call,
    // on the main thread (open_window runs in the app's setup).
    unsafe { gtk::gdk::ffi::gdk_window_set_background_rgba(gdk_window.to_glib_none().0, &rgba) };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The window's colours are the page's: both `--bg` values of the style sheet, in order.
    #[test]
    fn the_window_is_painted_in_the_style_sheets_backgrounds() {
        let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/styles.css")).unwrap();
        let hex = |Color(r, g, b, _): Color| format!("#{r:02x}{g:02x}{b:02x}");
        let backgrounds: Vec<&str> = css
            .match_indices("--bg: ")
            .map(|(at, _)| css[at + 6..].split(';').next().unwrap().trim())
            .collect();
        assert_eq!(backgrounds, [hex(LIGHT), hex(DARK)], "ui/styles.css's --bg, light then dark");
        let dark = css.find("prefers-color-scheme: dark").unwrap();
        assert!(css.rfind("--bg: ").unwrap() > dark, "the second --bg is the dark one");
        assert_eq!(page_background(true), DARK);
        assert_eq!(page_background(false), LIGHT);
    }
}
