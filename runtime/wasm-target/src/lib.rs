//! One cargo target directory for every wasm runtime of the workspace.
//!
//! substrate-wasm-builder compiles each runtime crate (the chain's runtime, the upgrade
//! tests' next runtime, the benchmarking runtime) in its own project,
//! `<target>/<profile>/wbuild/<crate>/`, with the fixed target directory `target` inside
//! it. Each of the three would compile the whole polkadot-sdk stack for itself: its build
//! scripts and proc macros on the host, and every crate whose features they share for
//! wasm. On a 2-core CI machine that triples the largest part of a cold build.
//!
//! [`share_wasm_target_dir`] turns each project's `target` into a symbolic link to one
//! directory, `<target>/<profile>/wbuild/shared-target`, before the builder runs. Cargo
//! tells crates apart by package, features and profile, so every unit shared by two
//! runtimes compiles once; the blobs keep their own names. Cargo's lock on the target
//! directory serialises the builds.
//!
//! A project whose `target` is already a real directory (built before this existed) is
//! left alone: the build stays correct, only unshared.

use std::{
    env, fs, io,
    path::{Path, PathBuf},
};

/// The directory, under `wbuild/`, that every project's `target` links to.
const SHARED: &str = "shared-target";

/// Links the calling build script's wasm project's `target` to the shared directory.
///
/// Call it from a runtime crate's build script before substrate-wasm-builder. The
/// project's location is derived from `OUT_DIR` as the builder derives it. Failures are
/// reported as cargo warnings, never fatal: the builder then compiles unshared.
pub fn share_wasm_target_dir() {
    if let Err(error) = link() {
        println!("cargo:warning=wasm builds not sharing a target directory: {error}");
    }
}

fn link() -> io::Result<()> {
    let out_dir = env::var_os("OUT_DIR").ok_or_else(|| missing("OUT_DIR"))?;
    let crate_name = env::var("CARGO_PKG_NAME").map_err(|_| missing("CARGO_PKG_NAME"))?;
    let wbuild = wbuild_dir(Path::new(&out_dir))
        .ok_or_else(|| io::Error::other("OUT_DIR is not inside a cargo build directory"))?;
    let project = wbuild.join(crate_name);
    fs::create_dir_all(&project)?;
    fs::create_dir_all(wbuild.join(SHARED))?;
    let target = project.join("target");
    match fs::symlink_metadata(&target) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::NotFound => symlink(&target),
        Err(error) => Err(error),
    }
}

/// `<target>/<profile>/wbuild`: the parent of the first ancestor of `OUT_DIR` named
/// `build`, joined with `wbuild`, the way substrate-wasm-builder finds its workspace.
fn wbuild_dir(out_dir: &Path) -> Option<PathBuf> {
    out_dir
        .ancestors()
        .find(|dir| dir.ends_with("build"))
        .and_then(Path::parent)
        .map(|profile| profile.join("wbuild"))
}

#[cfg(unix)]
fn symlink(target: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(Path::new("..").join(SHARED), target)
}

#[cfg(not(unix))]
fn symlink(_: &Path) -> io::Result<()> {
    Err(io::Error::other("symbolic links are only made on unix"))
}

fn missing(var: &str) -> io::Error {
    io::Error::other(format!("{var} is not set"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wasm_workspace_is_found_as_the_builder_finds_it() {
        let out = Path::new("/w/target/release/build/taonet-runtime-0123abcd/out");
        assert_eq!(
            wbuild_dir(out),
            Some(PathBuf::from("/w/target/release/wbuild"))
        );
        assert_eq!(wbuild_dir(Path::new("/w/target/release/deps")), None);
    }
}
