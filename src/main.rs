//! Entry point of the standalone build: mounts the app.

fn main() {
    windows_vms::start();
}
