#!/usr/bin/env bash
# Fetches the benchmark's corpora (real third-party code) into DIR, from the package
# registries and Debian's packages, at pinned versions. Idempotent: a corpus already
# unpacked is kept. `codehub-bench` runs it; nothing is committed.
#
#   scripts/corpora.sh DIR [NAME...]
#
#   NAME       source                                    into
#   django flask requests sympy   PyPI wheels (scripts/examples.sh)   DIR/python/NAME/
#   rust       crates.io, `cargo vendor` of a pinned set  DIR/rust/vendor/
#   ts         npm: rxjs 7.8.1, zod 3.23.8                DIR/ts/NAME/
#   js         npm: express 4.21.1, lodash 4.17.21        DIR/js/NAME/
#   linux      Debian linux-source-6.1 (the kernel)       DIR/c/linux/
#   go         Debian golang-1.19-src (standard library)  DIR/go/go1.19/
#   jdk        Debian openjdk-17-source (java.base etc.)  DIR/java/jdk17/
#   cpp        crates.io librocksdb-sys 0.16.0 (RocksDB 8.10 C++ sources)  DIR/cpp/rocksdb/
#   csharp     PyPI pythonnet 3.0.5 sdist (its C# runtime)  DIR/csharp/pythonnet/
#   ruby       Debian ruby-active{record,support}, ruby-action{pack,view}, ruby-railties (Rails 6.1)  DIR/ruby/rails/
#   php        Debian php-illuminate-* (Laravel 8) and php-doctrine-orm  DIR/php/laravel/
#
# The linux, go and jdk corpora need their Debian package installed; as root with
# apt-get this script installs it, otherwise it says which package to install. The
# ruby and php corpora are unpacked from Debian's .deb files (`apt-get download`, no
# install). Downloads from a registry are checked against a SHA-256. Default NAME: django.
set -euo pipefail

usage="usage: scripts/corpora.sh DIR [django|flask|requests|sympy|rust|ts|js|linux|go|jdk|cpp|csharp|ruby|php ...]"
[[ $# -ge 1 && $1 != -* ]] || { echo "$usage" >&2; exit 2; }
dir=$1; shift
names=("$@"); ((${#names[@]})) || names=(django)
mkdir -p "$dir"; dir=$(cd "$dir" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

npm_pkg() { # kind name@version -> DIR/<kind>/<name>
  local kind=$1 spec=$2 name=${2%@*}
  [[ -d $dir/$kind/$name ]] && return 0
  command -v npm >/dev/null || { echo "corpora.sh: $spec needs npm" >&2; exit 1; }
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
  mkdir -p "$dir/$kind/$name"
  tar -xzf "$tmp"/*"${name##*/}"-*.tgz -C "$dir/$kind/$name" --strip-components=1
  rm -f "$tmp"/*.tgz
}

rust_vendor() {
  [[ -d $dir/rust/vendor ]] && return 0
  mkdir -p "$tmp/r/src" "$dir/rust"
  echo 'fn main() {}' > "$tmp/r/src/main.rs"
  cat > "$tmp/r/Cargo.toml" <<'TOML'
[package]
name = "corpus"
version = "0.0.0"
edition = "2021"
[dependencies]
tokio = { version = "=1.41.1", features = ["full"] }
serde = { version = "=1.0.215", features = ["derive"] }
serde_json = "=1.0.133"
regex = "=1.11.1"
clap = { version = "=4.5.21", features = ["derive"] }
rayon = "=1.10.0"
TOML
  (cd "$tmp/r" && cargo vendor --quiet "$dir/rust/vendor" >/dev/null)
}

# debian PACKAGE FILE: makes sure FILE (from PACKAGE) exists, installing PACKAGE when
# this is root with apt-get.
debian() {
  local package=$1 file=$2
  [[ -e $file ]] && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "corpora.sh: installing Debian's $package (apt-get)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$package" >&2 ||
      { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$package" >&2; }
  fi
  [[ -e $file ]] || { echo "corpora.sh: needs Debian's $package ($file is missing): apt-get install $package" >&2; exit 1; }
}

linux() {
  [[ -d $dir/c/linux ]] && return 0
  local tarball=/usr/src/linux-source-6.1.tar.xz
  debian linux-source-6.1 "$tarball"
  echo "corpora.sh: unpacking $tarball (1.5 GB, about a minute)" >&2
  mkdir -p "$tmp/linux" "$dir/c"
  tar -xJf "$tarball" -C "$tmp/linux"
  # Debian's packaging appends `/*` `!/debian/` to the top-level .gitignore (its own
  # repository holds only debian/), which would hide the whole tree from a walker
  # that honours .gitignore; the kernel's own rules above it are kept.
  sed -i '/^# Debian packaging/,$d' "$tmp/linux/linux-source-6.1/.gitignore"
  mv "$tmp/linux/linux-source-6.1" "$dir/c/linux"
}

go_src() {
  [[ -d $dir/go/go1.19 ]] && return 0
  debian golang-1.19-src /usr/share/go-1.19/src
  mkdir -p "$dir/go/go1.19"
  # A copy, not a link: the bench edits a file of it.
  cp -r /usr/share/go-1.19/src "$dir/go/go1.19/src"
}

jdk() {
  [[ -d $dir/java/jdk17 ]] && return 0
  local zip=/usr/lib/jvm/openjdk-17/lib/src.zip
  debian openjdk-17-source "$zip"
  mkdir -p "$tmp/jdk" "$dir/java"
  python3 -m zipfile -e "$zip" "$tmp/jdk"
  mv "$tmp/jdk" "$dir/java/jdk17"
}

sha256_check() { # FILE SHA256
  local got; got=$(sha256sum "$1" | cut -d' ' -f1)
  [[ $got == "$2" ]] || { echo "corpora.sh: $1 has SHA-256 $got, expected $2" >&2; exit 1; }
}

rocksdb() {
  [[ -d $dir/cpp/rocksdb ]] && return 0
  local crate=librocksdb-sys-0.16.0+8.10.0
  echo "corpora.sh: fetching $crate from crates.io (7 MB)" >&2
  curl -fsSL -o "$tmp/r.crate" "https://static.crates.io/crates/librocksdb-sys/$crate.crate"
  sha256_check "$tmp/r.crate" ce3d60bc059831dc1c83903fb45c103f75db65c5a7bf22272764d9cc683e348c
  mkdir -p "$tmp/r" "$dir/cpp"
  tar -xzf "$tmp/r.crate" -C "$tmp/r"
  # RocksDB's own tree; its Java bindings are left out (the corpus is for C++).
  rm -rf "$tmp/r/$crate/rocksdb/java"
  mv "$tmp/r/$crate/rocksdb" "$dir/cpp/rocksdb"
}

pythonnet() {
  [[ -d $dir/csharp/pythonnet ]] && return 0
  python3 -m pip download --quiet --no-binary :all: --no-deps pythonnet==3.0.5 -d "$tmp/p" >&2
  mkdir -p "$tmp/p/x" "$dir/csharp"
  tar -xzf "$tmp"/p/pythonnet-3.0.5.tar.gz -C "$tmp/p/x"
  mv "$tmp/p/x/pythonnet-3.0.5" "$dir/csharp/pythonnet"
}

# debs PACKAGE...: unpacks Debian's current .deb of each PACKAGE into $tmp/x/PACKAGE.
debs() {
  command -v apt-get >/dev/null || { echo "corpora.sh: $* need Debian's apt-get" >&2; exit 1; }
  mkdir -p "$tmp/deb" "$tmp/x"
  (cd "$tmp/deb" && apt-get download "$@" >&2) ||
    { [[ $(id -u) -eq 0 ]] && apt-get update >&2 && (cd "$tmp/deb" && apt-get download "$@" >&2); }
  for p in "$@"; do dpkg-deb -x "$tmp"/deb/"${p}"_*.deb "$tmp/x/$p"; done
}

rails() { # DIR/ruby/rails/GEM/ (the version dropped from each gem's directory)
  [[ -d $dir/ruby/rails ]] && return 0
  debs ruby-activerecord ruby-activesupport ruby-actionpack ruby-actionview ruby-railties
  mkdir -p "$tmp/rails" "$dir/ruby"
  for gem in "$tmp"/x/*/usr/share/rubygems-integration/all/gems/*; do
    mv "$gem" "$tmp/rails/$(basename "$gem" | sed 's/-[0-9][0-9.]*$//')"
  done
  mv "$tmp/rails" "$dir/ruby/rails"
}

laravel() { # DIR/php/laravel/{Illuminate,Doctrine,...}/ (Debian's /usr/share/php, merged)
  [[ -d $dir/php/laravel ]] && return 0
  local illuminate
  mapfile -t illuminate < <(apt-cache search --names-only '^php-illuminate-' | cut -d' ' -f1 | sort)
  debs "${illuminate[@]}" php-doctrine-orm
  mkdir -p "$tmp/laravel" "$dir/php"
  for p in "$tmp"/x/*/usr/share/php; do cp -r "$p"/. "$tmp/laravel/"; done
  mv "$tmp/laravel" "$dir/php/laravel"
}

for n in "${names[@]}"; do
  case $n in
    django | flask | requests | sympy) "$here/examples.sh" "$dir" "$n" >/dev/null ;;
    rust) rust_vendor ;;
    ts) npm_pkg ts rxjs@7.8.1; npm_pkg ts zod@3.23.8 ;;
    js) npm_pkg js express@4.21.1; npm_pkg js lodash@4.17.21 ;;
    linux) linux ;;
    go) go_src ;;
    jdk) jdk ;;
    cpp) rocksdb ;;
    csharp) pythonnet ;;
    ruby) rails ;;
    php) laravel ;;
    *) echo "corpora.sh: unknown corpus '$n'" >&2; echo "$usage" >&2; exit 2 ;;
  esac
done
echo "$dir"
