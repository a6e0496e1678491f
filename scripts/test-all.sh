#!/usr/bin/env bash
# `npm test`: unit and integration tests (PGlite, or PostgreSQL when DATABASE_URL is set),
# a production build, then the browser journeys against it.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== unit + integration (vitest) =="
npx vitest run
echo "== production build for e2e =="
NEXT_DIST_DIR=.next-e2e npx next build
echo "== e2e (playwright, chromium) =="
NEXT_DIST_DIR=.next-e2e npx playwright test
