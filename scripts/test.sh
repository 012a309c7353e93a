#!/usr/bin/env bash
# Second README command: install what the tests need (Python packages, and the Debian packages
# for real PostgreSQL and Chromium when the installer script exists), then run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install.sh
if [ -x scripts/install-test-deps.sh ]; then
  ./scripts/install-test-deps.sh
fi
exec .venv/bin/python -m pytest "$@"
