/**
 * The lab pages' editor starts from the starters the kit ships (scripts/site-data.ts writes them
 * for the site), not from what the learner has since made of `labs/`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labStarters } from '../../scripts/site-data.ts';
import { KIT_ROOT } from '../../src/core/kit.ts';

const folder = mkdtempSync(join(tmpdir(), 'lab-starters-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the lab pages\' starters', () => {
  it('are the shipped starters even after the learner edited labs/', () => {
    const kit = join(folder, 'kit');
    execFileSync('git', ['clone', '-q', '--shared', KIT_ROOT, kit]);
    const shipped = execFileSync('git', ['show', 'HEAD:labs/01-first-handler/handler.ts'], { cwd: kit, encoding: 'utf8' });
    writeFileSync(join(kit, 'labs', '01-first-handler', 'handler.ts'), 'export const handleOrder = () => 42;\n');
    const starters = labStarters(kit);
    expect(starters['01-first-handler']).toEqual({ 'handler.ts': shipped });
    expect(Object.keys(starters).length).toBeGreaterThanOrEqual(11);
  });
});
