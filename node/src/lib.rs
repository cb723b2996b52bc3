//! The taonet node: the chain's wasm runtime executed by Parity's executor, and the tools
//! around it.

pub mod authoring;
pub mod benchmark;
pub mod chain;
pub mod chain_spec;
pub mod cli;
pub mod db;
pub mod emission;
pub mod executor;
pub mod grandpa;
pub mod key;
pub mod keystore;
pub mod logging;
pub mod maintenance;
pub mod metrics;
pub mod network;
pub mod paths;
pub mod rpc;
pub mod runtime_blob;
pub mod secret_file;
pub mod service;
pub mod tasks;
pub mod txpool;
pub mod upgrade_check;
pub mod yuma;
