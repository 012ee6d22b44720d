//! Serves the built app from `dist/`, with index.html for every path that is not a file, so
//! deep links such as `/ns/dev/vms/win11` load the app.

use std::path::{Component, Path, PathBuf};

use axum::body::Body;
use axum::http::{header, StatusCode};
use axum::response::Response;

use crate::http::response::text_response;

/// The MIME type for a file, by extension.
fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The file a URL path names inside `dist`, refusing anything that climbs out of it.
fn resolve(dist: &Path, url_path: &str) -> Option<PathBuf> {
    let relative = Path::new(url_path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    Some(dist.join(relative))
}

/// Answers a request for the app's files.
pub async fn serve(dist: &Path, url_path: &str) -> Response {
    if let Some(file) = resolve(dist, url_path).filter(|p| p.is_file()) {
        return file_response(&file, "public, max-age=3600").await;
    }
    let last_segment = url_path.rsplit('/').next().unwrap_or_default();
    if last_segment.contains('.') && !last_segment.starts_with('~') {
        return text_response(StatusCode::NOT_FOUND, "404 page not found");
    }
    file_response(&dist.join("index.html"), "no-cache").await
}

async fn file_response(file: &Path, cache: &str) -> Response {
    match tokio::fs::read(file).await {
        Ok(bytes) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, content_type(file))
            .header(header::CACHE_CONTROL, cache)
            .body(Body::from(bytes))
            .unwrap_or_default(),
        Err(_) => text_response(
            StatusCode::NOT_FOUND,
            "The app is not built: run the demo script, or pass --dist with the folder Trunk built.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_climb_out_of_dist() {
        let dist = Path::new("/srv/dist");
        assert_eq!(
            resolve(dist, "/app.wasm"),
            Some(PathBuf::from("/srv/dist/app.wasm"))
        );
        assert_eq!(resolve(dist, "/../etc/passwd"), None);
        assert_eq!(content_type(Path::new("x.wasm")), "application/wasm");
    }
}
