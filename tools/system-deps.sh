#!/usr/bin/env bash
# Debian packages the test suite needs (headless Chromium and a CJK font for the browser test,
# bubblewrap for the grading sandbox, Node.js for JupyterHub's proxy), then configurable-http-proxy
# from npm (the class-server test starts a real JupyterHub). Installs them when we are root or
# have sudo; otherwise says what to install and carries on (the tests that need them will say so).
set -euo pipefail
PKGS=(chromium bubblewrap fonts-noto-cjk)
command -v npm >/dev/null 2>&1 || PKGS+=(nodejs npm)  # a Node.js from elsewhere (with its npm) is fine
missing=()
for p in "${PKGS[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
proxy() {
  command -v configurable-http-proxy >/dev/null 2>&1 && return 0
  if ! command -v npm >/dev/null 2>&1; then
    echo "system-deps: install Node.js and npm, then: npm install -g configurable-http-proxy" >&2
    return 0
  fi
  if [ "$(id -u)" -ne 0 ] && ! { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; then
    echo "system-deps: run as root (or with sudo): npm install -g configurable-http-proxy" >&2
    return 0
  fi
  $( [ "$(id -u)" -ne 0 ] && echo "sudo -n" ) npm install -g --silent configurable-http-proxy >/dev/null
  echo "system-deps: installed configurable-http-proxy (npm)"
}
if [ ${#missing[@]} -eq 0 ]; then proxy; exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: not a Debian machine; please install: ${missing[*]}" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "system-deps: run as root (or with sudo): apt-get install ${missing[*]}" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "system-deps: installed ${missing[*]}"
proxy
