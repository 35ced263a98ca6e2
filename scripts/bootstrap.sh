# Sourced by scripts/demo, scripts/test and .ci/run (bash). Idempotent.
#
# Makes sure this shell has:
#   - Node >= 22 (installs Node 24 from the npm registry's node-linux-* package if the system one is older),
#   - pnpm at the version pinned in package.json,
#   - the workspace's dependencies,
#   - a Temporal CLI for the dev server (exported as TEMPORAL_CLI_PATH), built with `go install` if needed,
#   - Chromium for the customer-service web chat's browser test: Debian's `chromium` package, installed
#     with apt-get when this runs as root and none is found (otherwise that test fails and says what to install).
# Everything it installs goes under $AGENTS_SAMPLES_CACHE (default: ~/.cache/temporal-agents-samples),
# outside the repo, so every clone on this machine reuses it.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AGENTS_SAMPLES_CACHE="${AGENTS_SAMPLES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/temporal-agents-samples}"
export AGENTS_SAMPLES_CACHE
mkdir -p "$AGENTS_SAMPLES_CACHE"

NODE_MAJOR_WANTED=24
NODE_MAJOR_MIN=22
TEMPORAL_CLI_VERSION=v1.5.1 # newest tag that `go install` accepts (later tags carry a replace directive)

log() { echo "[bootstrap] $*" >&2; }

# npm may be configured with a CA file (e.g. behind a TLS-inspecting proxy) that other Node programs
# (pnpm, the openai client) do not read; hand it to every Node process.
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && command -v npm >/dev/null 2>&1; then
  npm_cafile="$(npm config get cafile 2>/dev/null || true)"
  if [ -n "$npm_cafile" ] && [ "$npm_cafile" != "null" ] && [ -f "$npm_cafile" ]; then
    export NODE_EXTRA_CA_CERTS="$npm_cafile"
  fi
fi

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local cached="$AGENTS_SAMPLES_CACHE/node-$NODE_MAJOR_WANTED/node_modules/.bin/node"
  if command -v node >/dev/null 2>&1 && [ "$(node_major node)" -ge "$NODE_MAJOR_MIN" ]; then
    return
  fi
  if [ ! -x "$cached" ] || [ "$(node_major "$cached")" -lt "$NODE_MAJOR_MIN" ]; then
    local arch
    case "$(uname -m)" in
      x86_64) arch=x64 ;;
      aarch64 | arm64) arch=arm64 ;;
      *) log "no Node build for $(uname -m); install Node >= $NODE_MAJOR_MIN yourself"; return 1 ;;
    esac
    command -v npm >/dev/null 2>&1 || { log "npm is needed to install Node $NODE_MAJOR_WANTED; install Node >= $NODE_MAJOR_MIN"; return 1; }
    log "system Node is $(node --version 2>/dev/null || echo missing); installing Node $NODE_MAJOR_WANTED from the npm registry (node-linux-$arch)"
    # The package ships the binary in bin/; npm may skip install scripts, so link it ourselves.
    npm install --silent --no-save --ignore-scripts --prefix "$AGENTS_SAMPLES_CACHE/node-$NODE_MAJOR_WANTED" \
      "node-linux-$arch@$NODE_MAJOR_WANTED" >&2
    mkdir -p "$(dirname "$cached")"
    ln -sf "../node-linux-$arch/bin/node" "$cached"
  fi
  export PATH="$(dirname "$cached"):$PATH"
  log "using Node $(node --version) from $(dirname "$cached")"
}

ensure_pnpm() {
  local version
  version="$(node -p 'require(process.argv[1]).packageManager.split("@")[1]' "$REPO_ROOT/package.json")"
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$version" ]; then
    return
  fi
  local prefix="$AGENTS_SAMPLES_CACHE/pnpm-$version"
  if [ ! -x "$prefix/node_modules/.bin/pnpm" ]; then
    log "installing pnpm $version"
    npm install --silent --no-save --ignore-scripts --prefix "$prefix" "pnpm@$version" >&2
  fi
  export PATH="$prefix/node_modules/.bin:$PATH"
}

ensure_dependencies() {
  # pnpm's own check makes this fast when node_modules already matches the lockfile.
  (cd "$REPO_ROOT" && pnpm install --frozen-lockfile --prefer-offline --reporter=silent) >&2
}

# The samples use the plugin as any project does: its build in shared/dist. Rebuilt when a source is newer.
ensure_plugin_built() {
  local built="$REPO_ROOT/shared/dist/worker/index.js"
  if [ -f "$built" ] && [ -z "$(find "$REPO_ROOT/shared/src" "$REPO_ROOT/shared/package.json" -newer "$built" -print -quit)" ]; then
    return
  fi
  log "building the plugin (shared/ -> shared/dist)"
  (cd "$REPO_ROOT/shared" && pnpm --silent run build) >&2
}

ensure_temporal_cli() {
  if [ -n "${TEMPORAL_CLI_PATH:-}" ] && [ -x "$TEMPORAL_CLI_PATH" ]; then
    return
  fi
  if command -v temporal >/dev/null 2>&1; then
    TEMPORAL_CLI_PATH="$(command -v temporal)"
    export TEMPORAL_CLI_PATH
    return
  fi
  local built="$AGENTS_SAMPLES_CACHE/temporal-cli-$TEMPORAL_CLI_VERSION/temporal"
  if [ ! -x "$built" ] && command -v go >/dev/null 2>&1; then
    log "building the Temporal CLI $TEMPORAL_CLI_VERSION with go install (first run only; takes a few minutes)"
    mkdir -p "$(dirname "$built")"
    GOBIN="$(dirname "$built")" GOFLAGS=-mod=mod go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" >&2
  fi
  if [ -x "$built" ]; then
    TEMPORAL_CLI_PATH="$built"
    export TEMPORAL_CLI_PATH
  else
    # Machines with internet: @temporalio/testing downloads the dev server itself.
    log "no Temporal CLI found and Go is missing: the test kit will try the SDK's download"
  fi
}

# The web chat's test drives a real browser over CDP (playwright-core, which downloads none): the system's Chromium.
ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    return
  fi
  local name
  for name in chromium chromium-browser google-chrome-stable google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then
      return
    fi
  done
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing Chromium with apt-get for the customer-service web chat's browser test (first run only)"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2; then
      log "apt-get could not install chromium: the web chat's browser test will fail until it is installed"
    fi
  else
    log "no Chromium found and no apt-get as root to install it: the customer-service web chat's browser test" \
      "will fail until you install one (Debian or Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH"
  fi
}

ensure_node
ensure_pnpm
ensure_dependencies
ensure_plugin_built
ensure_temporal_cli
ensure_chromium
export REPO_ROOT

# Run on its own (`bash scripts/bootstrap.sh`) rather than sourced: say how to use what it set up.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  log "ready. In each new terminal: source scripts/activate"
fi
