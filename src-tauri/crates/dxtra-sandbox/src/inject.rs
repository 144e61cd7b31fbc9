//! The middleware in front of every route that applies the faults in force (`faults`): counts
//! the request, waits out the latency, and answers as the fault says (or cuts, delays or drops
//! the real answer). Which faults are in force is `faults`'s; the routes' own answers are theirs.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::faults::{Fault, Route};
use crate::server::ConnKill;
use crate::state::Shared;

/// Middleware: counts the request, waits out the latency, then answers with the fault if one
/// is armed for this route, or lets the real handler answer.
pub(crate) async fn apply(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let route = Route::from_path(request.uri().path());
    if let Some(route) = route {
        shared.stats.count_request(route);
    }
    let (latency, fault) = shared.faults.take(route);
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    match fault {
        None => next.run(request).await,
        Some(Fault::Delay(delay)) => {
            let response = next.run(request).await;
            tokio::time::sleep(delay).await;
            response
        }
        Some(Fault::Late { answer_after, record_after }) => {
            tokio::spawn(async move {
                tokio::time::sleep(record_after).await;
                let _ = next.run(request).await;
            });
            tokio::time::sleep(answer_after).await;
            (
                StatusCode::GATEWAY_TIMEOUT,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "upstream request timeout",
            )
                .into_response()
        }
        Some(Fault::Truncated) => {
            let response = next.run(request).await;
            let (parts, body) = response.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
            let mut cut = Response::new(Body::from(bytes.slice(..bytes.len() / 2)));
            *cut.status_mut() = parts.status;
            if let Some(content_type) = parts.headers.get(header::CONTENT_TYPE) {
                cut.headers_mut().insert(header::CONTENT_TYPE, content_type.clone());
            }
            cut
        }
        Some(Fault::DropConnection) => {
            if let Some(kill) = request.extensions().get::<ConnKill>() {
                kill.kill();
            }
            std::future::pending::<Response>().await
        }
        Some(fault) => fault_response(&fault),
    }
}

fn fault_response(fault: &Fault) -> Response {
    match *fault {
        Fault::ServerError(status) => (
            status_or(status, StatusCode::SERVICE_UNAVAILABLE),
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "upstream connect error or disconnect/reset before headers",
        )
            .into_response(),
        Fault::HtmlPage(status) => {
            let status = status_or(status, StatusCode::BAD_GATEWAY);
            let title = format!("{} {}", status.as_u16(), status.canonical_reason().unwrap_or("Error"));
            (
                status,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                format!(
                    "<!DOCTYPE html>\n<html><head><title>{title}</title></head>\n\
                     <body><center><h1>{title}</h1></center><hr><center>nginx</center></body></html>\n"
                ),
            )
                .into_response()
        }
        Fault::Unavailable { retry_after_secs } => {
            let mut response = (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "Service Unavailable: maintenance",
            )
                .into_response();
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            response
        }
        Fault::Redirect(ref to) => (
            StatusCode::TEMPORARY_REDIRECT,
            [(header::LOCATION, to.as_str()), (header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<html><body>Moved</body></html>",
        )
            .into_response(),
        Fault::Json { status, ref body } => (
            status_or(status, StatusCode::OK),
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body.clone(),
        )
            .into_response(),
        Fault::MalformedJson => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            r#"{"data":{"dataControllers":[{"id":"0c0ffee0-d7a0-4c1a"#,
        )
            .into_response(),
        Fault::Oversize(bytes) => {
            let filler = "x".repeat(bytes);
            let body = format!(r#"{{"data":{{"padding":"{filler}"}}}}"#);
            (StatusCode::OK, [(header::CONTENT_TYPE, "application/json; charset=utf-8")], Body::from(body))
                .into_response()
        }
        Fault::RateLimited { retry_after_secs } => {
            let mut response = (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
                r#"{"status":429,"message":"Too many requests","error":"too-many-requests"}"#,
            )
                .into_response();
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            response
        }
        Fault::DxtraError { status, ref message } => (
            status_or(status, StatusCode::BAD_REQUEST),
            Json(serde_json::json!({ "status": "error", "message": message, "data": null })),
        )
            .into_response(),
        Fault::Delay(_) | Fault::Late { .. } | Fault::DropConnection | Fault::Truncated => {
            unreachable!("handled by apply")
        }
    }
}

fn status_or(code: u16, fallback: StatusCode) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(fallback)
}
