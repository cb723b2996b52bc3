//! Tests per topic, on the mock runtime.

mod subnets;
