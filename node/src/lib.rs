//! The taonet node: the chain's runtime executed natively, and the tools around it.

pub mod cli;
pub mod emission;
pub mod executor;
pub mod yuma;
