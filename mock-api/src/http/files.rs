//! Serves the built app from `dist/`, with index.html for every path that is not a file, so
//! deep links such as `/ns/dev/vms/win11` load the app. A file's brotli or gzip twin (written at
//! build time by `scripts/compress-dist.mjs`) is sent when the browser accepts it, and files
//! whose names carry a content hash are cached for a year.

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

/// Answers a request for the app's files; `accepted` is the request's `Accept-Encoding`.
pub async fn serve(dist: &Path, url_path: &str, accepted: &str) -> Response {
    if let Some(file) = resolve(dist, url_path).filter(|p| p.is_file()) {
        return file_response(&file, cache_control(&file), accepted).await;
    }
    let last_segment = url_path.rsplit('/').next().unwrap_or_default();
    if last_segment.contains('.') && !last_segment.starts_with('~') {
        return text_response(StatusCode::NOT_FOUND, "404 page not found");
    }
    file_response(&dist.join("index.html"), "no-cache", accepted).await
}

/// How long a file may be cached: a name with a content hash (`app-0123456789abcdef.css`)
/// never changes, anything else may change with the next build. Trunk drops a hash's leading
/// zeros, so it may have fewer than 16 digits.
fn cache_control(file: &Path) -> &'static str {
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    // Trunk names the wasm `NAME-HASH_bg.wasm`.
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let hashed = stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (12..=20).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    });
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    }
}

/// The encodings `Accept-Encoding` allows, best first, with the extension of their twins.
fn encodings(accepted: &str) -> Vec<(&'static str, &'static str)> {
    let allows = |wanted: &str| {
        accepted.split(',').any(|part| {
            let mut fields = part.split(';').map(str::trim);
            let name_matches = fields
                .next()
                .is_some_and(|n| n.eq_ignore_ascii_case(wanted));
            // `br;q=0` refuses it.
            let refused =
                fields.any(|f| f.replace(' ', "") == "q=0" || f.replace(' ', "") == "q=0.0");
            name_matches && !refused
        })
    };
    [("br", "br"), ("gzip", "gz")]
        .into_iter()
        .filter(|(name, _)| allows(name))
        .collect()
}

async fn file_response(file: &Path, cache: &str, accepted: &str) -> Response {
    for (encoding, extension) in encodings(accepted) {
        let mut twin = file.as_os_str().to_owned();
        twin.push(".");
        twin.push(extension);
        if let Ok(bytes) = tokio::fs::read(&twin).await {
            return Response::builder()
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, content_type(file))
                .header(header::CONTENT_ENCODING, encoding)
                .header(header::VARY, "Accept-Encoding")
                .header(header::CACHE_CONTROL, cache)
                .body(Body::from(bytes))
                .unwrap_or_default();
        }
    }
    match tokio::fs::read(file).await {
        Ok(bytes) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, content_type(file))
            .header(header::VARY, "Accept-Encoding")
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

    #[test]
    fn brotli_is_preferred_then_gzip_and_a_zero_quality_refuses() {
        assert_eq!(
            encodings("gzip, deflate, br"),
            [("br", "br"), ("gzip", "gz")]
        );
        assert_eq!(encodings("gzip"), [("gzip", "gz")]);
        assert_eq!(encodings("br;q=0, gzip;q=0.5"), [("gzip", "gz")]);
        assert!(encodings("").is_empty());
        assert!(encodings("identity").is_empty());
    }

    #[test]
    fn only_hashed_names_are_cached_for_a_year() {
        let year = "public, max-age=31536000, immutable";
        assert_eq!(
            cache_control(Path::new("d/windows-vms-97fcd2001fcf82e4_bg.wasm")),
            year
        );
        assert_eq!(cache_control(Path::new("d/app-187f98e237892a96.css")), year);
        assert_eq!(cache_control(Path::new("d/page-3a718d1f154ba00.css")), year);
        assert_eq!(
            cache_control(Path::new("d/windows-vms-97fcd2001fcf82e4.js")),
            year
        );
        assert_eq!(
            cache_control(Path::new("d/config.json")),
            "public, max-age=3600"
        );
    }
}
