//! Tests per topic, on the mock runtime.

mod cleanup;
mod commit_reveal;
mod dust;
mod emission;
mod free_calls;
mod fuzz;
mod hotkey_lists;
mod identity;
mod mechanisms;
mod owner_params;
mod registration;
mod rpc_info;
mod rpc_scale;
mod serving;
mod set_weights;
mod stake_orders;
mod staking;
mod subnets;
mod swap_hotkey;
