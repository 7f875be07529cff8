//! (filled in with the daemon tests)
