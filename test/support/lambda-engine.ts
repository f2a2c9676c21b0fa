/** Test helpers for Lambda's execution engine: an emulator, its engine, and functions built from object literals. */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type RunningEmulator, type StartOptions } from '../../src/emulator/server.ts';
import { createExecutionEngine, type LambdaExecutionEngine } from '../../src/emulator/services/lambda/execution/engine.ts';
import type { EngineEvent } from '../../src/emulator/services/lambda/execution/events.ts';
import type { FunctionRuntimeConfig, SyncInvokeResult } from '../../src/emulator/services/lambda/execution/types.ts';

/** The account the engine tests run functions in. */
export const ACCOUNT = '123456789012';

/** A finished invocation with its payload parsed and its log tail decoded. */
export interface Invoked extends SyncInvokeResult {
  body: any;
  log: string;
}

/** An emulator with an engine, and helpers to deploy and invoke functions. */
export interface EngineFixture {
  running: RunningEmulator;
  engine: LambdaExecutionEngine;
  /** Everything the engine reported, in order. */
  events: EngineEvent[];
  /** Writes `files` to a new folder and returns a runtime configuration for it. */
  deploy(name: string, files: Record<string, string>, overrides?: Partial<FunctionRuntimeConfig>): FunctionRuntimeConfig;
  invoke(config: FunctionRuntimeConfig, event?: unknown, options?: { clientContext?: string }): Promise<Invoked>;
}

/** Starts an emulator (time factor 0.001) and an engine for the test file; stops both afterwards. */
export function useEngine(options: StartOptions = {}): EngineFixture {
  const fixture = { events: [] as EngineEvent[] } as EngineFixture;
  const folders: string[] = [];
  beforeAll(async () => {
    fixture.running = await startEmulator({ port: 0, timeFactor: 0.001, log: () => {}, ...options });
    fixture.engine = createExecutionEngine(fixture.running.emulator);
    fixture.engine.onInvocationFinished((event) => fixture.events.push(event));
  });
  afterAll(async () => {
    await fixture.engine?.stop();
    await fixture.running?.stop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });
  fixture.deploy = (name, files, overrides = {}) => {
    const codeDir = mkdtempSync(path.join(tmpdir(), `lambda-${name}-`));
    folders.push(codeDir);
    for (const [file, text] of Object.entries(files)) {
      const target = path.join(codeDir, file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text);
      if (file === 'bootstrap') chmodSync(target, 0o755);
    }
    return {
      account: ACCOUNT,
      region: 'us-east-1',
      functionName: name,
      functionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`,
      version: '$LATEST',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      codeDir,
      codeSha256: `sha-${name}`,
      environment: {},
      timeoutSeconds: 3,
      memorySizeMb: 128,
      reservedConcurrency: undefined,
      logGroupName: `/aws/lambda/${name}`,
      secretAccessKey: 'test',
      ...overrides,
    };
  };
  fixture.invoke = async (config, event = {}, options = {}) => {
    const result = await fixture.engine.invoke(config, Buffer.from(JSON.stringify(event)), { tailLog: true, clientContext: options.clientContext });
    const text = result.payload.toString('utf8');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: kept as text.
    }
    return { ...result, body, log: Buffer.from(result.logResult ?? '', 'base64').toString('utf8') };
  };
  return fixture;
}

/** True when a python3 with `module` importable is on PATH (an empty module checks python3 alone). */
export function hasPython(module = ''): boolean {
  const probe = spawnSync('python3', ['-c', module ? `import ${module}` : 'pass'], { stdio: 'ignore' });
  return probe.status === 0;
}

/**
 * True when a process with this id is still alive; given an environment's AWS_LAMBDA_RUNTIME_API
 * (unique to it), true while a process with that variable runs. Inside the OS sandbox every
 * runtime is pid 2 of its own namespace, so its pid says nothing on the host.
 */
export function alive(pid: number | string): boolean {
  if (typeof pid === 'string') {
    const mark = `\0AWS_LAMBDA_RUNTIME_API=${pid}\0`;
    return readdirSync('/proc').some((name) => {
      try {
        return /^\d+$/.test(name) && `\0${readFileSync(`/proc/${name}/environ`, 'latin1')}`.includes(mark);
      } catch {
        return false;
      }
    });
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
