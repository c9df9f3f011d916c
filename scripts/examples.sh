#!/usr/bin/env bash
# Fetches real third-party code to try codehub on (the README's first command): pinned
# wheels from PyPI, each checked against its SHA-256 below, unpacked into
# DIR/python/NAME/. Idempotent: an example already unpacked is kept. Needs python3
# with pip, and PyPI reachable (or a pip index or mirror configured for pip).
#
#   scripts/examples.sh DIR [NAME...]    NAME: django flask requests sympy (default: django)
#
# Prints the directory of each example, one a line.
set -euo pipefail

usage="usage: scripts/examples.sh DIR [NAME...]   (NAME: django flask requests sympy)"
[[ $# -ge 1 && $1 != -* ]] || { echo "$usage" >&2; exit 2; }
dir=$1; shift
names=("$@"); ((${#names[@]})) || names=(django)

# name -> "requirement sha256 of its wheel" (from PyPI's index; pip --require-hashes
# checks it, and so does this script once the file is here).
declare -A pins=(
  [django]="django==5.1.4 236e023f021f5ce7dee5779de7b286565fdea5f4ab86bae5338e3f7b69896cf0"
  [flask]="flask==3.1.0 d667207822eb83f1c4b50949b1623c8fc8d51f2341d65f72e1a1815397551136"
  [requests]="requests==2.32.3 70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6"
  [sympy]="sympy==1.13.3 54612cf55a62755ee71824ce692986f23c88ffa77207b30c1368eda4a7060f73"
)
for n in "${names[@]}"; do
  [[ -n ${pins[$n]:-} ]] || { echo "examples.sh: unknown example '$n'" >&2; echo "$usage" >&2; exit 2; }
done

if ! python3 -m pip --version >/dev/null 2>&1; then
  echo "examples.sh: needs python3 with pip ('python3 -m pip' failed; on Debian/Ubuntu: apt-get install python3-pip)" >&2
  exit 1
fi

mkdir -p "$dir/python"
dir=$(cd "$dir" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sha256() { python3 -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$1"; }

for n in "${names[@]}"; do
  read -r req hash <<<"${pins[$n]}"
  dest=$dir/python/$n
  # The marker is written last: a directory without it is a half-finished unpack.
  if [[ -f $dest/.codehub-example ]]; then
    echo "$dest"
    continue
  fi
  echo "examples.sh: fetching $req from PyPI" >&2
  echo "$req --hash=sha256:$hash" >"$tmp/$n.txt"
  # --python-version: the wheel is the same whichever python3 runs pip.
  python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    --python-version 3.12 --require-hashes -r "$tmp/$n.txt" -d "$tmp/$n"
  wheels=("$tmp/$n"/*.whl)
  if [[ ${#wheels[@]} -ne 1 || ! -f ${wheels[0]} ]]; then
    echo "examples.sh: pip left no single wheel for $req in $tmp/$n" >&2
    exit 1
  fi
  got=$(sha256 "${wheels[0]}")
  if [[ $got != "$hash" ]]; then
    echo "examples.sh: ${wheels[0]##*/}: sha256 $got, expected $hash: not unpacked" >&2
    exit 1
  fi
  rm -rf "$dest" "$tmp/unpacked"
  python3 -m zipfile -e "${wheels[0]}" "$tmp/unpacked"
  echo "$req sha256:$hash" >"$tmp/unpacked/.codehub-example"
  mv "$tmp/unpacked" "$dest"
  echo "$dest"
done
