//! The runtime's tests, executed natively as the node's native checks run it. One test
//! binary for them all: each binary links the whole runtime again, so five of them cost the
//! build as much as the tests themselves.

mod commitments;
mod custom_apis;
mod free_calls;
mod runtime;
mod support;
mod weights;
