//! Helpers shared by the CLI's end-to-end tests: writing fixture files and running
//! the `codehub` binary.

#![allow(dead_code)] // each test binary uses a different subset

use std::path::Path;
use std::process::{Command, Output};

#[allow(unused_imports)] // not every test binary writes files
pub use test_fixture::write;

/// Runs `codehub ARGS` in `cwd` (with no state directory from the environment).
pub fn codehub(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codehub"))
        .args(args)
        .current_dir(cwd)
        .env_remove("CODEHUB_STATE_DIR")
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `git -C root ARGS` as a committer named `t`, panicking with git's message
/// when it fails (the tests of `impact` need git installed).
pub fn git(root: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .expect("git is installed");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}
