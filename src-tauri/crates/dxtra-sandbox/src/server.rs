//! The accept loop: HTTP/1 over loopback, one task per connection, with a way for a handler to
//! drop its own connection without answering (the "dropped connection" fault). Hardened for a
//! server on a user's desktop: a cap on open connections, a deadline for request headers (which
//! also closes idle keep-alive connections), and backing off without a log flood when accepting
//! fails (for instance when the process runs out of file descriptors).

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;

/// Put into every request's extensions: closes the connection the request came on.
#[derive(Clone)]
pub(crate) struct ConnKill(Arc<Notify>);

impl ConnKill {
    pub(crate) fn kill(&self) {
        self.0.notify_one();
    }
}

/// Connections served at once per port; more are closed at once (a desktop's `ulimit -n` is
/// often 1024, shared with the app itself).
pub(crate) const MAX_CONNECTIONS: usize = 384;

/// Serves `router` on `listener` until `shutdown` is cancelled. `header_timeout`: time allowed
/// for a request's headers, and for an idle connection's next request.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: CancellationToken,
    header_timeout: Duration,
) {
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let mut backoff = Duration::ZERO;
    let mut failures_since_log = 0u64;
    let mut last_log: Option<Instant> = None;
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    backoff = Duration::ZERO;
                    stream
                }
                Err(error) => {
                    // Out of descriptors or memory: wait, longer each time, and say so once a second.
                    failures_since_log += 1;
                    if last_log.is_none_or(|at| at.elapsed() >= Duration::from_secs(1)) {
                        tracing::warn!(%error, failures = failures_since_log, "accept failed; backing off");
                        failures_since_log = 0;
                        last_log = Some(Instant::now());
                    }
                    backoff = (backoff * 2).clamp(Duration::from_millis(5), Duration::from_secs(1));
                    tokio::select! {
                        () = tokio::time::sleep(backoff) => continue,
                        () = shutdown.cancelled() => break,
                    }
                }
            },
            () = shutdown.cancelled() => break,
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            tracing::debug!("connection refused: {MAX_CONNECTIONS} already open");
            drop(stream);
            continue;
        };
        let router = router.clone();
        let shutdown = shutdown.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let kill = Arc::new(Notify::new());
            let conn_kill = ConnKill(kill.clone());
            let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
                request.extensions_mut().insert(conn_kill.clone());
                router.clone().oneshot(request.map(axum::body::Body::new))
            });
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                result = connection => {
                    if let Err(error) = result {
                        tracing::debug!(%error, "connection ended with an error");
                    }
                }
                () = kill.notified() => tracing::debug!("connection dropped by fault"),
                () = shutdown.cancelled() => {}
            }
        });
    }
}
