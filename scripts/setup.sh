#!/usr/bin/env bash
# First README command: set everything up on a fresh machine, then run the main job on the
# example articles in ../shared/examples: a terminal report, and out/report.html.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install.sh
SHARED=${UNSPIN_SHARED:-../shared}
.venv/bin/unspin info
# The default narrative catalogue; a re-run embeds only new or changed cases.
.venv/bin/unspin catalogue import "$SHARED/data/euvsdisinfo" --format euvsdisinfo
.venv/bin/unspin analyze "$SHARED/examples" --format text
.venv/bin/unspin analyze "$SHARED/examples" --format html --out out/report.html
echo "HTML report: $(pwd)/out/report.html"
