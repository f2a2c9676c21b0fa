#!/usr/bin/env bash
# Gradescope autograder set-up: bubblewrap (the sandbox of submissions' code), Node.js 24 from the npm
# registry, then the kit's dependencies.
set -euo pipefail
cd /autograder/source
apt-get update -qq && apt-get install -y -qq npm bubblewrap >/dev/null
npm install --prefix /opt/node24 --no-save --no-package-lock node@24
export PATH=/opt/node24/node_modules/.bin:$PATH
npm ci --no-audit --no-fund
