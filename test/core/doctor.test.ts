import { describe, expect, it } from 'vitest';
import { checkNode } from '../../src/core/doctor.ts';

describe('Node.js version line', () => {
  it('reports a recent Node.js with the version it needs', () => {
    expect(checkNode('24.21.0')).toMatchObject({ status: 'ok', detail: '24.21.0 (needs 22.18 or newer)' });
  });

  it('fails an old Node.js with a fix that names the version to install', () => {
    const finding = checkNode('20.20.2');
    expect(finding.status).toBe('fail');
    expect(finding.fix).toContain('Node.js 24');
  });
});
