//! How the node executes its wasm runtime: Substrate's execution flags.

use clap::{Args, ValueEnum};
use sc_executor::WasmtimeInstantiationStrategy;

use crate::executor::ExecutorConfig;

/// Substrate's `--wasm-execution`: how runtime wasm is executed. Compiled (wasmtime) is the
/// only method Substrate still has; the flag exists so that operators' command lines work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WasmExecutionArg {
    /// Compile the wasm to native code with wasmtime.
    Compiled,
}

/// Substrate's `--wasmtime-instantiation-strategy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InstantiationArg {
    /// A pool of instances, reset by copy-on-write: fastest; reserves virtual memory.
    PoolingCopyOnWrite,
    /// A new instance per call, memory mapped copy-on-write.
    RecreateInstanceCopyOnWrite,
    /// A pool of instances, reset by copying.
    Pooling,
    /// A new instance per call: slowest, least memory.
    RecreateInstance,
}

/// Execution flags, shared by the node and the commands that execute blocks.
#[derive(Debug, Clone, Copy, Args)]
pub struct ExecutionParams {
    /// How runtime wasm is executed.
    #[arg(long, value_enum, value_name = "METHOD", default_value_t = WasmExecutionArg::Compiled)]
    pub wasm_execution: WasmExecutionArg,
    /// How wasmtime instantiates the runtime for each call.
    #[arg(
        long,
        value_enum,
        value_name = "STRATEGY",
        default_value_t = InstantiationArg::PoolingCopyOnWrite
    )]
    pub wasmtime_instantiation_strategy: InstantiationArg,
    /// Instances of one runtime kept for concurrent calls (1 to 32).
    #[arg(long, value_name = "COUNT", default_value_t = 8,
          value_parser = clap::value_parser!(u16).range(1..=32))]
    pub max_runtime_instances: u16,
    /// Distinct runtimes kept compiled (1 to 32).
    #[arg(long, value_name = "COUNT", default_value_t = 2,
          value_parser = clap::value_parser!(u8).range(1..=32))]
    pub runtime_cache_size: u8,
}

impl ExecutionParams {
    /// The executor these flags ask for.
    pub fn config(&self) -> ExecutorConfig {
        let instantiation = match self.wasmtime_instantiation_strategy {
            InstantiationArg::PoolingCopyOnWrite => {
                WasmtimeInstantiationStrategy::PoolingCopyOnWrite
            }
            InstantiationArg::RecreateInstanceCopyOnWrite => {
                WasmtimeInstantiationStrategy::RecreateInstanceCopyOnWrite
            }
            InstantiationArg::Pooling => WasmtimeInstantiationStrategy::Pooling,
            InstantiationArg::RecreateInstance => WasmtimeInstantiationStrategy::RecreateInstance,
        };
        ExecutorConfig {
            instantiation,
            max_instances: usize::from(self.max_runtime_instances),
            cache_size: self.runtime_cache_size,
        }
    }
}
