//! Tests of the console rules.

use super::*;

#[test]
fn socket_url_follows_the_page_and_the_base() {
    let path = "/api/kubernetes/apis/subresources.kubevirt.io/v1/namespaces/a/virtualmachineinstances/b/vnc";
    assert_eq!(
        socket_url("https:", "console.example.com", path),
        format!("wss://console.example.com{path}")
    );
    assert_eq!(
        socket_url("http:", "127.0.0.1:8080", "k8s/x"),
        "ws://127.0.0.1:8080/k8s/x"
    );
    assert_eq!(
        socket_url("https:", "ignored", "http://127.0.0.1:8001/apis/x"),
        "ws://127.0.0.1:8001/apis/x"
    );
    assert_eq!(
        socket_url("http:", "ignored", "https://api.example.com/apis/x"),
        "wss://api.example.com/apis/x"
    );
}

#[test]
fn kinds_name_their_subresource() {
    assert_eq!(ConsoleKind::Vnc.subresource(), "vnc");
    assert_eq!(ConsoleKind::Serial.subresource(), "console");
    for kind in ConsoleKind::ALL {
        assert_eq!(ConsoleKind::from_id(kind.id()), Some(kind));
    }
    assert_eq!(ConsoleKind::from_id("spice"), None);
}

#[test]
fn only_a_running_instance_can_be_connected() {
    let running = Some(&VmiPhase::Running);
    assert_eq!(
        availability(&PrintableStatus::Running, running),
        Availability::Ready
    );
    assert_eq!(
        availability(&PrintableStatus::Stopped, None),
        Availability::Stopped
    );
    assert!(matches!(
        availability(&PrintableStatus::Starting, Some(&VmiPhase::Scheduling)),
        Availability::NoGuestYet(_)
    ));
    assert!(matches!(
        availability(&PrintableStatus::Provisioning, None),
        Availability::NoGuestYet(text) if text.contains("disks")
    ));
    // A paused guest still has a screen (frozen), as KubeVirt serves it.
    assert_eq!(
        availability(&PrintableStatus::Paused, running),
        Availability::Ready
    );
}

#[test]
fn reconnecting_backs_off_to_thirty_seconds() {
    let delays: Vec<u32> = (0..8).map(reconnect_delay_ms).collect();
    assert_eq!(
        delays,
        [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]
    );
    assert_eq!(reconnect_delay_ms(u32::MAX), 30_000);
}

#[test]
fn points_map_to_guest_pixels_and_stay_inside() {
    // A 1280x800 screen shown at half size.
    let shown = (640.0, 400.0);
    let screen = (1280, 800);
    assert_eq!(guest_point((0.0, 0.0), shown, screen), (0, 0));
    assert_eq!(guest_point((320.0, 200.0), shown, screen), (640, 400));
    assert_eq!(guest_point((639.9, 399.9), shown, screen), (1279, 799));
    assert_eq!(guest_point((-5.0, 900.0), shown, screen), (0, 799));
    assert_eq!(guest_point((f64::NAN, 1.0), shown, screen), (0, 2));
    assert_eq!(guest_point((10.0, 10.0), (0.0, 0.0), screen), (0, 0));
    assert_eq!(guest_point((10.0, 10.0), shown, (0, 0)), (0, 0));
}

#[test]
fn a_lost_vnc_link_is_retried_without_taking_the_screen() {
    assert_eq!(
        after_close(ConsoleKind::Vnc, true, true, None, 0),
        AfterClose::Retry {
            reason: "The connection was lost.".to_owned(),
            delay_ms: 1_000
        }
    );
    assert!(matches!(
        after_close(ConsoleKind::Serial, true, false, None, 0),
        AfterClose::Stay { .. }
    ));
}

#[test]
fn refusals_say_why_and_only_transient_ones_retry() {
    let taken = after_close(
        ConsoleKind::Vnc,
        false,
        true,
        Some((500, "Active VNC connection. Request denied.")),
        3,
    );
    assert_eq!(
        taken,
        AfterClose::Retry {
            reason: IN_USE.to_owned(),
            delay_ms: 8_000
        }
    );
    let unread = after_close(ConsoleKind::Vnc, false, true, None, 0);
    assert!(matches!(unread, AfterClose::Retry { reason, .. } if reason == IN_USE));
    let forbidden = after_close(
        ConsoleKind::Serial,
        false,
        false,
        Some((403, "forbidden")),
        0,
    );
    assert!(matches!(forbidden, AfterClose::Stay { reason } if reason.contains("administrator")));
    let not_running = after_close(
        ConsoleKind::Vnc,
        false,
        false,
        Some((409, "phase is Scheduled instead of Running")),
        2,
    );
    assert_eq!(
        not_running,
        AfterClose::Retry {
            reason: "phase is Scheduled instead of Running".to_owned(),
            delay_ms: 4_000
        }
    );
    assert!(matches!(
        after_close(ConsoleKind::Vnc, false, false, None, 9),
        AfterClose::Retry {
            delay_ms: 30_000,
            ..
        }
    ));
}

#[test]
fn dom_buttons_become_rfb_buttons() {
    use crate::logic::rfb::buttons;
    assert_eq!(pointer_buttons(0), 0);
    assert_eq!(pointer_buttons(1), buttons::LEFT);
    assert_eq!(pointer_buttons(2), buttons::RIGHT);
    assert_eq!(pointer_buttons(4), buttons::MIDDLE);
    assert_eq!(
        pointer_buttons(7),
        buttons::LEFT | buttons::MIDDLE | buttons::RIGHT
    );
}

#[test]
fn held_keys_release_what_they_pressed() {
    let shift = Key {
        keysym: 0xffe1,
        scancode: 0x2a,
    };
    let upper_a = Key {
        keysym: 'A' as u32,
        scancode: 0x1e,
    };
    let mut held = HeldKeys::default();
    held.press("ShiftLeft", shift);
    held.press("KeyA", upper_a);
    held.press("KeyA", upper_a);
    // Shift comes up first, then A: A's release is still the keysym it went down with.
    assert_eq!(held.release("ShiftLeft"), Some(shift));
    assert_eq!(held.release("KeyA"), Some(upper_a));
    assert_eq!(held.release("KeyA"), None);
    held.press("ControlLeft", shift);
    held.press("AltLeft", upper_a);
    assert_eq!(held.release_all(), [upper_a, shift]);
    assert!(held.release_all().is_empty());
}

#[test]
fn only_shift_escape_releases_the_keyboard() {
    assert!(is_release_key("Escape", true, false, false));
    assert!(!is_release_key("Escape", false, false, false));
    assert!(!is_release_key("Escape", true, true, false));
    assert!(!is_release_key("F10", true, false, false));
}

#[test]
fn wheel_notches_are_bounded() {
    use crate::logic::rfb::buttons;
    assert_eq!(wheel_clicks(-100.0), (buttons::WHEEL_UP, 1));
    assert_eq!(wheel_clicks(3.0), (buttons::WHEEL_DOWN, 1));
    assert_eq!(wheel_clicks(250.0), (buttons::WHEEL_DOWN, 3));
    assert_eq!(wheel_clicks(1e9), (buttons::WHEEL_DOWN, 5));
}

#[test]
fn only_a_running_instance_with_a_uid_is_connectable() {
    let vmi = |phase: &str| -> VirtualMachineInstance {
        serde_json::from_value(serde_json::json!({
            "metadata": {"name": "win", "uid": "u-1"},
            "status": {"phase": phase}
        }))
        .unwrap()
    };
    assert_eq!(
        connectable_instance(&PrintableStatus::Running, Some(&vmi("Running"))),
        Some("u-1".to_owned())
    );
    assert_eq!(
        connectable_instance(&PrintableStatus::Starting, Some(&vmi("Scheduled"))),
        None
    );
    assert_eq!(connectable_instance(&PrintableStatus::Running, None), None);
}
