#!/usr/bin/env node
// The `workshop` command's entry: checks the Node.js version first (in plain JavaScript, which
// every Node.js parses), then loads the TypeScript CLI, which needs Node.js 22.18 or newer.
import { requireSupportedNode } from './node-version.mjs';

requireSupportedNode();
await import('../src/cli/main.ts');
