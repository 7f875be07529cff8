//! The integration tests, as one test binary (`cargo test --test
//! integration`): each file below is a module, and the harness in
//! `common/` is compiled once for all of them.
//!
//! A module runs on its own with a filter: `cargo test --test integration
//! servers::` (or `cli::`, `daemon::`, ...).

mod cli;
mod common;
mod daemon;
mod faults;
mod fuzz_config;
mod servers;
mod service;
mod travel;
mod views;
mod wake;
