//! Any text as the parameters of any JSON-RPC method, answered by the node's methods on a
//! real development chain as a public node answers them (unsafe methods refused). The
//! first byte picks the method among those the node serves, the rest is the request's
//! `params` as sent; every request must be answered with a result or a JSON-RPC error,
//! without a panic. Subscriptions are answered too, and dropped at once.

#![no_main]

use libfuzzer_sys::fuzz_target;
use taonet_fuzz::node::dev_node;

/// Notifications a subscription may queue before it is dropped (nothing reads them).
const SUBSCRIPTION_BUFFER: usize = 16;

fuzz_target!(
    // Opening the chain compiles its runtime: once, before the clock of slow inputs starts.
    init: {
        dev_node();
    },
    |data: &[u8]| {
        let Some((&pick, params)) = data.split_first() else {
            return;
        };
        let Ok(params) = std::str::from_utf8(params) else {
            return;
        };
        let node = dev_node();
        let methods: Vec<&str> = node.rpc.method_names().collect();
        let method = methods[usize::from(pick) % methods.len()];
        let request = format!(r#"{{"jsonrpc":"2.0","id":1,"method":"{method}","params":{params}}}"#);
        let answer = node
            .runtime
            .block_on(node.rpc.raw_json_request(&request, SUBSCRIPTION_BUFFER));
        if let Ok((response, _subscription)) = answer {
            let reply: serde_json::Value =
                serde_json::from_str(response.get()).expect("the answer is JSON");
            assert!(
                reply.get("result").is_some() || reply.get("error").is_some(),
                "{method}: neither a result nor an error: {reply}"
            );
        }
    }
);
