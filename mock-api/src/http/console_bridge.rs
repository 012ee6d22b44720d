//! The `vnc` subresource bridged to a QEMU VNC unix socket, as virt-handler bridges the one in
//! virt-launcher: each read from the socket goes to the client as one binary message, each
//! binary message from the client is written to the socket, text messages are dropped, and
//! when either side ends the other is closed without a closing handshake.

use std::collections::HashMap;
use std::path::PathBuf;

use axum::extract::ws::{Message, WebSocket};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::UnixStream;

/// Size of one read from the socket, as virt-handler's copy buffer.
const READ_BYTES: usize = 32 * 1024;

/// Which VMs' screens come from a QEMU socket (`--vnc-socket [NS/NAME=]PATH`).
#[derive(Debug, Clone, Default)]
pub struct VncSockets {
    /// For every VM without one of its own.
    pub every: Option<PathBuf>,
    pub by_vm: HashMap<(String, String), PathBuf>,
}

impl VncSockets {
    /// Adds the value of one `--vnc-socket`: `PATH` for every VM, or `NS/NAME=PATH` for one.
    pub fn add(&mut self, value: &str) -> Result<(), String> {
        match value.split_once('=') {
            Some((vm, path)) => {
                let (namespace, name) = vm
                    .split_once('/')
                    .filter(|(ns, name)| !ns.is_empty() && !name.is_empty() && !path.is_empty())
                    .ok_or_else(|| {
                        format!("--vnc-socket {value}: expected NS/NAME=PATH or PATH")
                    })?;
                self.by_vm
                    .insert((namespace.to_owned(), name.to_owned()), PathBuf::from(path));
            }
            None if !value.is_empty() => self.every = Some(PathBuf::from(value)),
            None => return Err("--vnc-socket needs a path".to_owned()),
        }
        Ok(())
    }

    /// The socket a VM's screen comes from, if it is bridged.
    pub fn path_for(&self, namespace: &str, name: &str) -> Option<PathBuf> {
        self.by_vm
            .get(&(namespace.to_owned(), name.to_owned()))
            .or(self.every.as_ref())
            .cloned()
    }
}

/// Carries bytes both ways until either side ends or a newer session takes over.
pub async fn pump(
    mut socket: WebSocket,
    stream: UnixStream,
    mut ended: tokio::sync::watch::Receiver<bool>,
) {
    let (mut reader, mut writer) = stream.into_split();
    let mut buffer = vec![0_u8; READ_BYTES];
    loop {
        tokio::select! {
            read = reader.read(&mut buffer) => match read {
                Ok(n) if n > 0 => {
                    let bytes = axum::body::Bytes::copy_from_slice(&buffer[..n]);
                    if socket.send(Message::Binary(bytes)).await.is_err() {
                        return;
                    }
                }
                _ => return,
            },
            message = socket.recv() => match message {
                Some(Ok(Message::Binary(bytes))) => {
                    if writer.write_all(&bytes).await.is_err() {
                        return;
                    }
                }
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return,
                Some(Ok(_)) => {}
            },
            changed = ended.changed() => {
                if changed.is_err() || *ended.borrow() {
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_socket_is_named_for_every_vm_or_for_one() {
        let mut sockets = VncSockets::default();
        sockets.add("dev/w=/tmp/w.sock").unwrap();
        assert_eq!(sockets.path_for("dev", "v"), None);
        sockets.add("/tmp/all.sock").unwrap();
        assert_eq!(
            sockets.path_for("dev", "w"),
            Some(PathBuf::from("/tmp/w.sock"))
        );
        assert_eq!(
            sockets.path_for("dev", "v"),
            Some(PathBuf::from("/tmp/all.sock"))
        );
        assert!(sockets.add("w=/tmp/x").is_err());
        assert!(sockets.add("").is_err());
    }
}
