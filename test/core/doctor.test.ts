import { describe, expect, it } from 'vitest';
import { checkNode, checkSandbox } from '../../src/core/doctor.ts';
import { noSandboxBecause } from '../../src/sandbox/messages.ts';

describe('Node.js version line', () => {
  it('reports a recent Node.js with the version it needs', () => {
    expect(checkNode('24.21.0')).toMatchObject({ status: 'ok', detail: '24.21.0 (needs 22.18 or newer)' });
  });

  it('says what is lost without the OS sandbox, and how to install it', () => {
    expect(checkSandbox({ kind: 'bwrap', tools: {} as never }).status).toBe('ok');
    const missing = checkSandbox({ kind: 'none', reason: noSandboxBecause('missing', { program: 'bubblewrap (bwrap)' }) });
    expect(missing).toMatchObject({ status: 'warn' });
    expect(missing.detail).toContain('bubblewrap (bwrap) is not installed');
    expect(missing.detail).toContain('--trust-submissions');
    expect(missing.fix).toContain('apt-get install bubblewrap');
  });

  it('fails an old Node.js with a fix that names the version to install', () => {
    const finding = checkNode('20.20.2');
    expect(finding.status).toBe('fail');
    expect(finding.fix).toContain('Node.js 24');
  });
});
