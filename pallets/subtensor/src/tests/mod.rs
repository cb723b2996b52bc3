//! Tests per topic, on the mock runtime.

mod commit_reveal;
mod emission;
mod fuzz;
mod registration;
mod serving;
mod staking;
mod subnets;
mod weights;
