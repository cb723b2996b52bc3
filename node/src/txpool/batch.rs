//! Validation in batches. Each runtime call runs in a fresh wasm instance, and preparing
//! and resetting one (its memory mapped in, faulted in and given back) costs about a
//! third of what validating a transfer costs in all. So submissions that arrive together
//! are validated together: the runtime's `TransactionBatchApi` checks up to [`MAX_BATCH`]
//! in one call, each exactly as `validate_transaction` would alone.
//!
//! Submitters queue their transaction and wait. At most one per core leads: it takes what
//! is queued, validates it in one call and hands out the answers, until the queue is
//! empty. A lone submission is its own batch and goes through `validate_transaction` as
//! before, so batching adds no wait; under a flood, batches form by themselves.
//!
//! A runtime without the batch API (a chain not yet upgraded to spec_version 122), or a
//! batch whose call fails (a transaction that traps the runtime), falls back to one call
//! per transaction, so no transaction's answer depends on the others in its batch.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, SyncSender};

use codec::{Compact, Decode, Encode};
use parking_lot::Mutex;
use sp_runtime::transaction_validity::{TransactionSource, TransactionValidity, ValidTransaction};
use taonet_runtime::{Hash, UncheckedExtrinsic};

use super::{PoolCounters, PoolError, TxPool};
use crate::chain::ChainError;
use crate::executor::ExecutionError;

/// The most transactions validated in one runtime call: enough to spread an instance's
/// cost thin, few enough that a batch takes a few milliseconds.
pub const MAX_BATCH: usize = 64;

/// The single validation's runtime API.
const VALIDATE_ONE: &str = "TaggedTransactionQueue_validate_transaction";
/// The batch validation's runtime API.
const VALIDATE_MANY: &str = "TransactionBatchApi_validate_transactions";

/// One validation's answer.
type Validity = Result<ValidTransaction, PoolError>;

/// A queued validation: `(source, transaction)` encoded, and where its answer goes.
type Job = (Vec<u8>, SyncSender<Validity>);

/// The submissions waiting for validation and who validates them.
#[derive(Default)]
pub(super) struct Batcher {
    state: Mutex<Queued>,
    /// Set when the best block's runtime has no batch API; cleared by a code change.
    pub(super) no_batch_api: AtomicBool,
}

#[derive(Default)]
struct Queued {
    jobs: VecDeque<Job>,
    /// Submitters validating the queue now.
    leaders: usize,
}

impl Batcher {
    /// The runtime changed: try its batch API again.
    pub(super) fn code_changed(&self) {
        self.no_batch_api.store(false, Ordering::Relaxed);
    }
}

impl TxPool {
    /// Validates `xt` at the best block with whatever else is being submitted. Blocking.
    pub(super) fn validate(&self, xt: &UncheckedExtrinsic, source: TransactionSource) -> Validity {
        let (reply, answer) = sync_channel(1);
        let lead = {
            let mut state = self.batcher.state.lock();
            state.jobs.push_back(((source, xt).encode(), reply));
            let lead = state.leaders < self.leaders;
            if lead {
                state.leaders += 1;
            }
            lead
        };
        if lead {
            self.lead();
        }
        answer
            .recv()
            .unwrap_or_else(|_| Err(PoolError::Verification("validation was dropped".into())))
    }

    /// Validates queued jobs, a batch at a time, until none is left.
    fn lead(&self) {
        loop {
            let jobs: Vec<Job> = {
                let mut state = self.batcher.state.lock();
                if state.jobs.is_empty() {
                    // Under the lock: a submitter queuing now sees one leader fewer.
                    state.leaders = state.leaders.saturating_sub(1);
                    return;
                }
                let take = state.jobs.len().min(MAX_BATCH);
                state.jobs.drain(..take).collect()
            };
            let (inputs, replies): (Vec<Vec<u8>>, Vec<SyncSender<Validity>>) =
                jobs.into_iter().unzip();
            let answers = catch_unwind(AssertUnwindSafe(|| self.validate_batch(&inputs)))
                .unwrap_or_else(|_| {
                    let failed = || Err(PoolError::Verification("validation panicked".into()));
                    inputs.iter().map(|_| failed()).collect()
                });
            for (reply, answer) in replies.into_iter().zip(answers) {
                let _ = reply.send(answer);
            }
        }
    }

    /// Validates `inputs` (each `(source, transaction)` encoded) at the best block, in one
    /// runtime call when there are several and the runtime can; answers in order.
    pub(super) fn validate_batch(&self, inputs: &[Vec<u8>]) -> Vec<Validity> {
        let best = self.client.info().best.hash;
        for _ in inputs {
            PoolCounters::bump(&self.counters.validations_scheduled);
        }
        let answers = match inputs {
            [one] => vec![self.validate_one(one, &best)],
            _ => self.validate_many(inputs, &best).unwrap_or_else(|| {
                inputs
                    .iter()
                    .map(|input| self.validate_one(input, &best))
                    .collect()
            }),
        };
        for _ in inputs {
            PoolCounters::bump(&self.counters.validations_finished);
        }
        answers
    }

    /// One `validate_transaction` call.
    fn validate_one(&self, input: &[u8], best: &Hash) -> Validity {
        let mut call = input.to_vec();
        best.encode_to(&mut call);
        let output = self
            .client
            .call(best, VALIDATE_ONE, &call)
            .map_err(|e| PoolError::Verification(e.to_string()))?;
        TransactionValidity::decode(&mut &output[..])
            .map_err(|e| PoolError::Verification(e.to_string()))?
            .map_err(PoolError::Invalid)
    }

    /// One `TransactionBatchApi` call for all of `inputs`; `None` if the runtime has no
    /// such API or the call did not answer one validity per input.
    fn validate_many(&self, inputs: &[Vec<u8>], best: &Hash) -> Option<Vec<Validity>> {
        if self.batcher.no_batch_api.load(Ordering::Relaxed) {
            return None;
        }
        let count = u32::try_from(inputs.len()).ok()?;
        let mut call = Compact(count).encode();
        for input in inputs {
            call.extend_from_slice(input);
        }
        best.encode_to(&mut call);
        let output = match self.client.call(best, VALIDATE_MANY, &call) {
            Ok(output) => output,
            Err(ChainError::Execution(ExecutionError::UnknownMethod(_))) => {
                self.batcher.no_batch_api.store(true, Ordering::Relaxed);
                return None;
            }
            Err(error) => {
                tracing::debug!(target: "txpool", %error, "batch validation failed: one by one");
                return None;
            }
        };
        let answers = Vec::<TransactionValidity>::decode(&mut &output[..]).ok()?;
        (answers.len() == inputs.len()).then(|| {
            answers
                .into_iter()
                .map(|answer| answer.map_err(PoolError::Invalid))
                .collect()
        })
    }
}
