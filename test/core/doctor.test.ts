import { describe, expect, it } from 'vitest';
import { checkNode, nodeIsRecentEnough } from '../../src/core/doctor.ts';

describe('Node.js version check', () => {
  it.each([
    ['22.18.0', true],
    ['v22.18.1', true],
    ['24.0.0', true],
    ['22.17.9', false],
    ['20.20.2', false],
    ['23.0.0', true],
  ])('%s is recent enough: %s', (version, expected) => {
    expect(nodeIsRecentEnough(version)).toBe(expected);
  });

  it('fails an old Node.js with a fix that names the version to install', () => {
    const finding = checkNode('20.20.2');
    expect(finding.status).toBe('fail');
    expect(finding.fix).toContain('Node.js 24');
  });
});
