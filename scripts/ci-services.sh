#!/usr/bin/env bash
# Installs and starts what the test suites need beyond npm: nothing yet for the
# SQLite suites; PostgreSQL and Chromium are added by the suites that use them.
set -euo pipefail
exit 0
