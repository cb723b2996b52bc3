//! The node's long-running tasks: if a critical one ends, the node shuts down rather than
//! run half-alive; a shutdown signal ends them all.

use std::fmt::Display;
use std::future::Future;

use tokio::task::JoinSet;

/// Why the node stopped.
#[derive(Debug, PartialEq, Eq)]
pub enum Stop {
    /// SIGINT (Ctrl-C) or SIGTERM.
    Signal,
    /// A critical task ended, with this error (or none).
    TaskEnded {
        /// The task's name.
        name: &'static str,
        /// What it said.
        reason: String,
    },
}

/// Owns every critical task; dropping it aborts them.
#[derive(Default)]
pub struct TaskManager {
    tasks: JoinSet<(&'static str, String)>,
}

impl TaskManager {
    /// Spawns `task`, which must run for the node's whole life.
    pub fn spawn_critical<E: Display>(
        &mut self,
        name: &'static str,
        task: impl Future<Output = Result<(), E>> + Send + 'static,
    ) {
        self.tasks.spawn(async move {
            let reason = match task.await {
                Ok(()) => "finished".to_owned(),
                Err(error) => error.to_string(),
            };
            (name, reason)
        });
    }

    /// Waits for a shutdown signal or the end of any critical task.
    pub async fn wait(&mut self) -> Stop {
        tokio::select! {
            () = shutdown_signal() => Stop::Signal,
            Some(ended) = self.tasks.join_next() => match ended {
                Ok((name, reason)) => Stop::TaskEnded { name, reason },
                Err(join) => Stop::TaskEnded { name: "task", reason: join.to_string() },
            },
        }
    }
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
