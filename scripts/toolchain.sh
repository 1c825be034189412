#!/usr/bin/env bash
# Puts Node 22+ and yarn 4 (through corepack) on PATH for this repository.
#
# Source it (`. scripts/toolchain.sh`) or run it with a command
# (`scripts/toolchain.sh yarn install`). On a machine whose Node is older than 22 it
# unpacks the `node-linux-*` package from the configured npm registry into .toolchain/,
# which also carries the headers that node-gyp needs to build native modules offline.
# No `set -e` here: when sourced, it would leak into the caller's shell.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
toolchain_dir="$repo_root/.toolchain"
node_major_wanted=22

node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

install_node() {
  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "toolchain: no node-linux package for $(uname -m)" >&2; return 1 ;;
  esac
  echo "toolchain: fetching Node $node_major_wanted (node-linux-$arch) from the npm registry" >&2
  local tmp
  tmp="$(mktemp -d)"
  if ! (cd "$tmp" && npm pack --silent "node-linux-$arch@$node_major_wanted" >/dev/null); then
    echo "toolchain: could not fetch node-linux-$arch@$node_major_wanted" >&2
    rm -rf "$tmp"
    return 1
  fi
  rm -rf "$toolchain_dir/node"
  mkdir -p "$toolchain_dir/node"
  tar xzf "$tmp"/node-linux-*.tgz -C "$toolchain_dir/node" --strip-components=1 || return 1
  rm -rf "$tmp"
}

if [ -x "$toolchain_dir/node/bin/node" ]; then
  export PATH="$toolchain_dir/node/bin:$PATH"
elif [ "$(node_major)" -lt "$node_major_wanted" ]; then
  install_node || { return 1 2>/dev/null || exit 1; }
  export PATH="$toolchain_dir/node/bin:$PATH"
fi

# node-gyp must build native addons against the headers of the Node that runs them.
node_prefix="$(dirname "$(dirname "$(command -v node)")")"
if [ -d "$node_prefix/include/node" ]; then
  export npm_config_nodedir="$node_prefix"
fi

# Corepack fetches yarn from the registry npm is configured with; no host is written here.
registry="$(npm config get registry 2>/dev/null)"
export COREPACK_NPM_REGISTRY="${registry%/}"
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
export COREPACK_HOME="${COREPACK_HOME:-$toolchain_dir/corepack}"
if [ ! -x "$toolchain_dir/bin/yarn" ]; then
  mkdir -p "$toolchain_dir/bin"
  corepack enable --install-directory "$toolchain_dir/bin" yarn || { return 1 2>/dev/null || exit 1; }
fi
export PATH="$toolchain_dir/bin:$PATH"

if [ "${BASH_SOURCE[0]}" = "$0" ] && [ $# -gt 0 ]; then
  exec "$@"
fi
