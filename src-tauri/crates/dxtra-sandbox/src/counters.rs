//! The counters tests read: requests per route and what came of them (sign-ins, refreshes,
//! mutations), counted lock-free. What is counted when is the handlers' and the middleware's.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::faults::Route;

/// Request counters, by route and outcome.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    signin_requests: AtomicU64,
    signins: AtomicU64,
    token_requests: AtomicU64,
    refreshes: AtomicU64,
    graphql_requests: AtomicU64,
    mutations: AtomicU64,
}

/// A snapshot of the counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Requests to `/v1/signin/pat`, whatever their outcome.
    pub signin_requests: u64,
    /// Successful PAT sign-ins.
    pub signins: u64,
    /// Requests to `/v1/token`.
    pub token_requests: u64,
    /// Successful refreshes.
    pub refreshes: u64,
    /// Requests to `/v1/graphql`.
    pub graphql_requests: u64,
    /// `createDataSubject` calls that reached the action handler.
    pub mutations: u64,
}

impl Counters {
    pub(crate) fn count_request(&self, route: Route) {
        let counter = match route {
            Route::SignIn => &self.signin_requests,
            Route::Token => &self.token_requests,
            Route::GraphQl => &self.graphql_requests,
        };
        counter.fetch_add(1, Ordering::SeqCst);
    }
    pub(crate) fn count_signin(&self) {
        self.signins.fetch_add(1, Ordering::SeqCst);
    }
    pub(crate) fn count_refresh(&self) {
        self.refreshes.fetch_add(1, Ordering::SeqCst);
    }
    pub(crate) fn count_mutation(&self) {
        self.mutations.fetch_add(1, Ordering::SeqCst);
    }
    pub(crate) fn snapshot(&self) -> Stats {
        Stats {
            signin_requests: self.signin_requests.load(Ordering::SeqCst),
            signins: self.signins.load(Ordering::SeqCst),
            token_requests: self.token_requests.load(Ordering::SeqCst),
            refreshes: self.refreshes.load(Ordering::SeqCst),
            graphql_requests: self.graphql_requests.load(Ordering::SeqCst),
            mutations: self.mutations.load(Ordering::SeqCst),
        }
    }
}
