#!/usr/bin/env node
// The `workshop` command's entry: checks the Node.js version first (in plain JavaScript, which
// every Node.js parses), then loads the TypeScript CLI, which needs Node.js 22.18 or newer.
import module from 'node:module';
import { requireSupportedNode } from './node-version.mjs';

requireSupportedNode();
// Node keeps the compiled (and type-stripped) modules on disk: a start after the first skips
// compiling the kit's hundreds of TypeScript files (the emulator is healthy in about half the time).
module.enableCompileCache?.();
await import('../src/cli/main.ts');
