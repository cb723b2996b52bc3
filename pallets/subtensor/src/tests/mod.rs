//! Tests per topic, on the mock runtime.

mod registration;
mod serving;
mod staking;
mod subnets;
mod weights;
