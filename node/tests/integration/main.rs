//! The node's integration tests, linked into one binary: each module tests one concern
//! against real parts (the `taonet` binary, its database, peers on 127.0.0.1, real
//! clients), and one binary links the node and wasmtime once instead of once per file.

mod benchmark_cli;
mod chain;
mod chain_spec;
mod dust;
mod emission_cli;
mod executor;
mod finality;
mod flood;
mod gossip_relay;
mod grandpa;
mod key_cli;
mod maintenance;
mod network;
mod node;
mod partition;
mod peer_flood;
mod rpc;
mod squat;
mod support;
mod sync;
mod txpool;
mod upgrade;
mod weight_guard;
mod yuma_cli;
