//! Validation in batches. Each runtime call runs in a fresh wasm instance, and preparing
//! and resetting one (its memory mapped in, faulted in and given back) costs about a
//! third of what validating a transfer costs in all. So submissions that arrive together
//! are validated together: the runtime's `TransactionBatchApi` checks up to [`MAX_BATCH`]
//! in one call, each exactly as `validate_transaction` would alone.
//!
//! Submitters queue their transaction and wait. At most one per core leads: it takes what
//! is queued (up to [`MAX_BATCH`] transactions and [`MAX_BATCH_BYTES`]), validates it in
//! one call and hands out the answers. Once its own answer is among them it returns to
//! its caller and hands the lead to the submitter first in the queue, so no caller leads
//! for long and no queued transaction is left without a leader. A lone submission is its
//! own batch and goes through `validate_transaction` as before, so batching adds no wait;
//! under a flood, batches form by themselves.
//!
//! A runtime without the batch API (a chain not yet upgraded to spec_version 122) gets
//! one call per transaction. A batch whose call fails (a transaction that traps the
//! runtime) is split in halves, down to single calls, so no transaction's answer depends
//! on the others in its batch and one bad transaction costs a few calls, not the batch.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};

use codec::{Compact, Decode, Encode};
use parking_lot::Mutex;
use sp_runtime::transaction_validity::{TransactionSource, TransactionValidity, ValidTransaction};
use taonet_runtime::{Hash, UncheckedExtrinsic};

use super::{PoolCounters, PoolError, TxPool};
use crate::chain::ChainError;
use crate::executor::ExecutionError;

/// The most transactions validated in one runtime call: the runtime's own limit, enough
/// to spread an instance's cost thin, few enough that a batch takes a few milliseconds.
pub const MAX_BATCH: usize = taonet_runtime::batch_validation::MAX_BATCH as usize;

/// The most bytes of transactions in one batch, well within the runtime's heap.
pub const MAX_BATCH_BYTES: usize = 1024 * 1024;

/// The single validation's runtime API.
const VALIDATE_ONE: &str = "TaggedTransactionQueue_validate_transaction";
/// The batch validation's runtime API.
const VALIDATE_MANY: &str = "TransactionBatchApi_validate_transactions";

/// One validation's answer, and the best block it was validated at.
pub(super) type Validated = (Result<ValidTransaction, PoolError>, Hash);

/// What a waiting submitter is told.
enum Message {
    /// Its transaction's answer.
    Answer(Validated),
    /// It leads now (the previous leader left with its own answer).
    Lead,
}

/// A queued validation: `(source, transaction)` encoded, and where to tell its submitter.
type Job = (Vec<u8>, Sender<Message>);

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
    /// The runtime may have changed: try its batch API again.
    pub(super) fn code_changed(&self) {
        self.no_batch_api.store(false, Ordering::Relaxed);
    }

    /// Whether nothing is queued and nobody leads (tests check no lead is lost).
    #[cfg(test)]
    pub(super) fn is_idle(&self) -> bool {
        let state = self.state.lock();
        state.jobs.is_empty() && state.leaders == 0
    }
}

impl TxPool {
    /// Validates `xt` at the best block with whatever else is being submitted; returns the
    /// answer and the block it holds at. Blocking.
    pub(super) fn validate(&self, xt: &UncheckedExtrinsic, source: TransactionSource) -> Validated {
        PoolCounters::bump(&self.counters.validations_scheduled);
        let (tell, told) = channel();
        let lead = {
            let mut state = self.batcher.state.lock();
            state.jobs.push_back(((source, xt).encode(), tell));
            let lead = state.leaders < self.leaders;
            if lead {
                state.leaders += 1;
            }
            lead
        };
        if lead {
            if let Some(answer) = self.lead(&told) {
                return answer;
            }
        }
        loop {
            match told.recv() {
                Ok(Message::Answer(answer)) => return answer,
                Ok(Message::Lead) => {
                    if let Some(answer) = self.lead(&told) {
                        return answer;
                    }
                }
                Err(_) => {
                    let dropped = PoolError::Verification("validation was dropped".into());
                    return (Err(dropped), self.client.info().best.hash);
                }
            }
        }
    }

    /// Validates queued jobs a batch at a time, until the queue is empty (`None`: the
    /// answer to this submitter's own job was sent to `told`) or this submitter's answer
    /// came, which it returns after handing the lead on.
    fn lead(&self, told: &Receiver<Message>) -> Option<Validated> {
        loop {
            let jobs: Vec<Job> = {
                let mut state = self.batcher.state.lock();
                if state.jobs.is_empty() {
                    // Under the lock: a submitter queuing now sees one leader fewer.
                    state.leaders = state.leaders.saturating_sub(1);
                    return None;
                }
                let mut bytes = 0usize;
                let take = state
                    .jobs
                    .iter()
                    .take(MAX_BATCH)
                    .take_while(|(input, _)| {
                        bytes = bytes.saturating_add(input.len());
                        bytes <= MAX_BATCH_BYTES
                    })
                    .count()
                    .max(1);
                state.jobs.drain(..take).collect()
            };
            let (inputs, tells): (Vec<Vec<u8>>, Vec<Sender<Message>>) = jobs.into_iter().unzip();
            let (answers, at) = catch_unwind(AssertUnwindSafe(|| self.validate_batch(&inputs)))
                .unwrap_or_else(|_| {
                    let failed = || Err(PoolError::Verification("validation panicked".into()));
                    let answers = inputs.iter().map(|_| failed()).collect();
                    (answers, self.client.info().best.hash)
                });
            for (tell, answer) in tells.into_iter().zip(answers) {
                PoolCounters::bump(&self.counters.validations_finished);
                let _ = tell.send(Message::Answer((answer, at)));
            }
            let mut own = None;
            while let Ok(message) = told.try_recv() {
                match message {
                    Message::Answer(answer) => own = Some(answer),
                    // Handed the lead while leading already: one leader too many.
                    Message::Lead => {
                        let mut state = self.batcher.state.lock();
                        state.leaders = state.leaders.saturating_sub(1);
                    }
                }
            }
            if let Some(own) = own {
                let mut state = self.batcher.state.lock();
                match state.jobs.front() {
                    // The lead passes on; the count of leaders stays.
                    Some((_, next)) if next.send(Message::Lead).is_ok() => {}
                    _ => state.leaders = state.leaders.saturating_sub(1),
                }
                return Some(own);
            }
        }
    }

    /// Validates `inputs` (each `(source, transaction)` encoded) at the best block, in as
    /// few runtime calls as the runtime allows; answers in order, with that block.
    pub(super) fn validate_batch(
        &self,
        inputs: &[Vec<u8>],
    ) -> (Vec<Result<ValidTransaction, PoolError>>, Hash) {
        let best = self.client.info().best.hash;
        (self.validate_at(inputs, &best), best)
    }

    /// [`TxPool::validate_batch`] at `best`: one call for all, else halves, else one each.
    fn validate_at(
        &self,
        inputs: &[Vec<u8>],
        best: &Hash,
    ) -> Vec<Result<ValidTransaction, PoolError>> {
        if let [one] = inputs {
            return vec![self.validate_one(one, best)];
        }
        if let Some(answers) = self.validate_many(inputs, best) {
            return answers;
        }
        if self.batcher.no_batch_api.load(Ordering::Relaxed) {
            return inputs
                .iter()
                .map(|input| self.validate_one(input, best))
                .collect();
        }
        let (first, second) = inputs.split_at(inputs.len() / 2);
        let mut answers = self.validate_at(first, best);
        answers.extend(self.validate_at(second, best));
        answers
    }

    /// One `validate_transaction` call.
    fn validate_one(&self, input: &[u8], best: &Hash) -> Result<ValidTransaction, PoolError> {
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
    fn validate_many(
        &self,
        inputs: &[Vec<u8>],
        best: &Hash,
    ) -> Option<Vec<Result<ValidTransaction, PoolError>>> {
        if self.batcher.no_batch_api.load(Ordering::Relaxed) || inputs.len() > MAX_BATCH {
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
                tracing::debug!(target: "txpool", %error, "batch validation failed: in halves");
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
