#!/usr/bin/env bash
# drizzle-kit generate, one at a time (several people may change schema files at once).
set -euo pipefail
cd "$(dirname "$0")/.."
exec flock /tmp/ncrc-db-generate.lock npx drizzle-kit generate "$@"
