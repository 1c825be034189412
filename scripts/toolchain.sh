#!/usr/bin/env bash
# Puts a Node.js that package.json's `engines` accepts (22 or 24) and yarn 4 (through
# corepack) on PATH for this repository.
#
# Source it (`. scripts/toolchain.sh`) or run it with a command
# (`scripts/toolchain.sh yarn install`). The machine's Node is used when its major
# version is one `engines` names; any other (Node 20, or Node 25 and later, which ship
# no corepack) makes it unpack the `node-linux-*` package of the first named version
# from the configured npm registry into .toolchain/, which also carries the headers
# that node-gyp needs to build native modules offline. Corepack comes from the
# registry too when the machine has none.
# No `set -e` here: when sourced, it would leak into the caller's shell.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
toolchain_dir="$repo_root/.toolchain"
# The major versions of `"engines": { "node": "22 || 24" }`, in order.
node_majors_accepted="$(sed -n 's/^ *"node": *"\([^"]*\)".*/\1/p' "$repo_root/package.json" | head -1 | grep -o '[0-9]\+' | tr '\n' ' ')"
node_major_wanted="${node_majors_accepted%% *}"

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

node_accepted() {
  case " $node_majors_accepted " in *" $1 "*) return 0 ;; esac
  return 1
}

if [ -x "$toolchain_dir/node/bin/node" ] &&
  node_accepted "$("$toolchain_dir/node/bin/node" -p 'process.versions.node.split(".")[0]')"; then
  export PATH="$toolchain_dir/node/bin:$PATH"
elif ! node_accepted "$(node_major)"; then
  echo "toolchain: Node $(node --version 2>/dev/null || echo 'is missing'); package.json's engines accept $node_majors_accepted" >&2
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
# Node 25 and later ship no corepack: then it comes from the registry as a package.
install_corepack() {
  echo "toolchain: no corepack here; fetching the corepack package from the npm registry" >&2
  local tmp
  tmp="$(mktemp -d)"
  if ! (cd "$tmp" && npm pack --silent corepack >/dev/null); then
    echo "toolchain: could not fetch corepack" >&2
    rm -rf "$tmp"
    return 1
  fi
  rm -rf "$toolchain_dir/corepack-package"
  mkdir -p "$toolchain_dir/corepack-package"
  tar xzf "$tmp"/corepack-*.tgz -C "$toolchain_dir/corepack-package" --strip-components=1 || return 1
  rm -rf "$tmp"
}

corepack_command() {
  if [ -f "$toolchain_dir/corepack-package/dist/corepack.js" ]; then
    node "$toolchain_dir/corepack-package/dist/corepack.js" "$@"
  elif command -v corepack >/dev/null 2>&1; then
    corepack "$@"
  else
    install_corepack && node "$toolchain_dir/corepack-package/dist/corepack.js" "$@"
  fi
}

if [ ! -x "$toolchain_dir/bin/yarn" ]; then
  mkdir -p "$toolchain_dir/bin"
  corepack_command enable --install-directory "$toolchain_dir/bin" yarn || { return 1 2>/dev/null || exit 1; }
fi
export PATH="$toolchain_dir/bin:$PATH"

if [ "${BASH_SOURCE[0]}" = "$0" ] && [ $# -gt 0 ]; then
  exec "$@"
fi
