/**
 * The committed constraint table covers every emulated operation its service's model has, and it
 * is what scripts/model-constraints.ts writes from the installed botocore models today.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { VALIDATED, botocoreData, buildConstraintFile, constraintFileText, CONSTRAINTS_FILE } from '../../scripts/model-constraints.ts';
import { defaultServices } from '../../src/emulator/services/index.ts';
import { CONSTRAINTS } from '../../src/emulator/validation/table.ts';

function hasBotocore(): boolean {
  try {
    execFileSync('python3', ['-c', 'import botocore'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const botocore = hasBotocore();
if (!botocore) console.warn('emulator/validation-table: skipping the freshness checks: python3 with botocore is not installed (pip install botocore to run them)');

describe('the model constraint table', () => {
  it('holds every validated service and no other', () => {
    expect(Object.keys(CONSTRAINTS.services).sort()).toEqual(Object.keys(VALIDATED).sort());
    // SQS and S3 answer bad input with their own codes, not with request validation.
    expect(CONSTRAINTS.services.sqs).toBeUndefined();
    expect(CONSTRAINTS.services.s3).toBeUndefined();
  });

  it('names every shape it points at', () => {
    for (const [service, table] of Object.entries(CONSTRAINTS.services)) {
      const named = new Set(Object.keys(table.shapes));
      const pointed = [
        ...Object.values(table.operations),
        ...Object.values(table.shapes).flatMap((shape) => [shape.member, shape.key, shape.value, ...(shape.members ?? []).map(([, inner]) => inner)]),
      ].filter((name): name is string => typeof name === 'string');
      expect(pointed.filter((name) => !named.has(name)), service).toEqual([]);
    }
  });

  it.runIf(botocore)('covers every emulated operation that the service model has', () => {
    const { dir } = botocoreData();
    const fresh = buildConstraintFile(dir, 'now');
    for (const service of defaultServices()) {
      const table = CONSTRAINTS.services[service.name];
      if (!table) continue;
      const modelled = Object.keys(fresh.services[service.name]!.operations);
      expect(modelled.length, service.name).toBeGreaterThan(0);
      expect(Object.keys(table.operations).sort(), service.name).toEqual(modelled.sort());
      expect(Object.keys(service.operations).filter((operation) => !modelled.includes(operation)), `${service.name}: emulated but not in the model`).toEqual([]);
    }
  });

  it.runIf(botocore)('is what the script writes today (run `node scripts/model-constraints.ts` when this fails)', () => {
    const { dir, version } = botocoreData();
    expect(readFileSync(CONSTRAINTS_FILE, 'utf8')).toBe(constraintFileText(buildConstraintFile(dir, version)));
  });

});
