//! Logging to standard error through `tracing`, filtered by Substrate's `-l target=level`
//! directives. The runtime's own log lines (the wasm's `log` records, passed out through
//! the host) arrive here too, under their targets (`runtime::…`, `try-runtime`, …).

use tracing_subscriber::EnvFilter;

/// Why logging could not start.
#[derive(Debug, thiserror::Error)]
pub enum LoggingError {
    /// A `-l` directive does not parse.
    #[error("bad log filter {directive}: {reason}")]
    Filter {
        /// The directive.
        directive: String,
        /// Why it does not parse.
        reason: String,
    },
    /// A logger was already installed.
    #[error("logging is already set up: {0}")]
    Init(String),
}

/// Targets quieter than `default` unless a directive names them: `sc-executor` warns under
/// `wasm-runtime` each time more runtime calls run at once than it keeps instances for,
/// and each time a call traps, so a flood of submissions or of bad `state_call`s would
/// write a line per call. The callers report those outcomes themselves.
const QUIETER: &str = "wasm-runtime=error";

/// Starts logging at `default` for every target, refined by `directives`: each is
/// `target=level`, a bare level, or a bare target (meaning `target=trace`).
pub fn init(default: &str, directives: &[String]) -> Result<(), LoggingError> {
    let mut filter = EnvFilter::new(default);
    if let Ok(quieter) = QUIETER.parse() {
        filter = filter.add_directive(quieter);
    }
    for directive in directives.iter().filter(|d| !d.is_empty()) {
        let directive = if directive.contains('=') || is_level(directive) {
            directive.clone()
        } else {
            format!("{directive}=trace")
        };
        let parsed = directive.parse().map_err(|e| LoggingError::Filter {
            directive: directive.clone(),
            reason: format!("{e}"),
        })?;
        filter = filter.add_directive(parsed);
    }
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init()
        .map_err(|e| LoggingError::Init(e.to_string()))
}

fn is_level(directive: &str) -> bool {
    matches!(
        directive.to_ascii_lowercase().as_str(),
        "trace" | "debug" | "info" | "warn" | "error" | "off"
    )
}
