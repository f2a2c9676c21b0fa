#!/usr/bin/env node
// `awslocal`: the AWS CLI against the kit's current target (LocalStack's name for it), checking the
// Node.js version first as bin/workshop.mjs does.
import module from 'node:module';
import { requireSupportedNode } from './node-version.mjs';

requireSupportedNode();
module.enableCompileCache?.();
await import('../src/cli/awslocal.ts');
