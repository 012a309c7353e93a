#!/bin/sh
# System packages the store, API and browser tests need (PostgreSQL server binaries, Debian
# Chromium and its driver). Idempotent: safe to run before every CI test run. Needs root (or sudo).
set -eu
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
missing=""
for bin in /usr/bin/chromium /usr/bin/chromedriver; do [ -x "$bin" ] || missing="yes"; done
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="yes"
if [ -n "$missing" ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends postgresql chromium chromium-driver
fi
/usr/bin/chromium --version
ls -d /usr/lib/postgresql/*/bin/initdb
