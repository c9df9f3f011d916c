//! Fetches the pinned cytoscape.js release from the npm registry at build time (its
//! source is never committed), checks its SHA-512 against [`SHA512`], and extracts
//! `dist/cytoscape.min.js` into `OUT_DIR`, where `src/ui.rs` embeds it.
//!
//! Offline builds: set `CODEHUB_CYTOSCAPE_TGZ` to a local copy of the same tarball
//! (`npm pack cytoscape@VERSION` makes one); it is checked against the same hash.

use sha2::{Digest, Sha512};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The pinned release.
const VERSION: &str = "3.35.0";
/// SHA-512 of `cytoscape-{VERSION}.tgz`, hex (the registry's `dist.integrity`).
const SHA512: &str = "b0cbc121788632786409a5b3d91d3a17017fdbb30d952f93aaf8b5edfa0ef54867520dd719971c2a3c6cbc4a9014041831249998de52c58cd46254340ce249de";
/// The environment variable naming a local copy of the tarball.
const LOCAL_ENV: &str = "CODEHUB_CYTOSCAPE_TGZ";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed={LOCAL_ENV}");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let target = out.join("cytoscape.min.js");
    let stamp = out.join("cytoscape.version");
    if target.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(VERSION) {
        return;
    }
    if let Err(message) = fetch(&out, &target) {
        eprintln!("error: {message}");
        panic!(
            "crates/web needs cytoscape.js {VERSION} from the npm registry: {message}. \
             Offline, set {LOCAL_ENV} to a copy of cytoscape-{VERSION}.tgz (`npm pack cytoscape@{VERSION}`)."
        );
    }
    std::fs::write(&stamp, VERSION).expect("writing into OUT_DIR");
}

fn fetch(out: &Path, target: &Path) -> Result<(), String> {
    let tarball = match std::env::var_os(LOCAL_ENV) {
        Some(local) => PathBuf::from(local),
        None => {
            let url = format!("https://registry.npmjs.org/cytoscape/-/cytoscape-{VERSION}.tgz");
            let path = out.join(format!("cytoscape-{VERSION}.tgz"));
            let status = Command::new("curl")
                .args(["--fail", "--silent", "--show-error", "--location", "--retry", "3"])
                .args(["--max-time", "120", "--output"])
                .arg(&path)
                .arg(&url)
                .status()
                .map_err(|e| format!("cannot run curl ({e}); install curl"))?;
            if !status.success() {
                return Err(format!("curl could not download {url} ({status})"));
            }
            path
        }
    };
    let bytes =
        std::fs::read(&tarball).map_err(|e| format!("reading {}: {e}", tarball.display()))?;
    let digest: String = Sha512::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    if digest != SHA512 {
        return Err(format!(
            "{} has SHA-512 {digest}, not the pinned {SHA512} of cytoscape {VERSION}",
            tarball.display()
        ));
    }
    let unpack = out.join("cytoscape-unpack");
    let _ = std::fs::remove_dir_all(&unpack);
    std::fs::create_dir_all(&unpack).map_err(|e| format!("creating {}: {e}", unpack.display()))?;
    let member = "package/dist/cytoscape.min.js";
    let status = Command::new("tar")
        .arg("-xzf")
        .arg(&tarball)
        .arg("-C")
        .arg(&unpack)
        .arg(member)
        .status()
        .map_err(|e| format!("cannot run tar ({e})"))?;
    if !status.success() {
        return Err(format!("tar could not extract {member} from {}", tarball.display()));
    }
    std::fs::rename(unpack.join(member), target)
        .map_err(|e| format!("moving cytoscape.min.js into {}: {e}", out.display()))?;
    let _ = std::fs::remove_dir_all(&unpack);
    Ok(())
}
