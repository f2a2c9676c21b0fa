/** `--iam`: the three modes, the defaults when it is not given, and a usage error that lists the choices. */
import { describe, expect, it } from 'vitest';
import { parseIamMode } from '../../src/cli/iam-option.ts';
import { modeFor } from '../../src/emulator/policy/mode.ts';
import { issueSession } from '../../src/emulator/policy/sessions.ts';
import { principalOf } from '../../src/emulator/policy/principal.ts';

describe('--iam', () => {
  it('accepts enforce, report and off, and nothing else', () => {
    expect(['enforce', 'report', 'off'].map((mode) => parseIamMode(mode))).toEqual(['enforce', 'report', 'off']);
    expect(parseIamMode(undefined)).toBeUndefined();
    expect(() => parseIamMode('strict')).toThrow(/--iam "strict" is not an IAM mode/);
  });

  it('without it, role sessions are enforced and the account\'s own keys reported', () => {
    const session = issueSession('123456789012', 'arn:aws:iam::123456789012:role/r', 'fn', { stable: true });
    expect(modeFor(undefined, principalOf(session.accessKeyId, '123456789012'))).toBe('enforce');
    expect(modeFor(undefined, principalOf('123456789012', '123456789012'))).toBe('report');
    expect(modeFor('off', principalOf(session.accessKeyId, '123456789012'))).toBe('off');
  });

  it('a function\'s session key is the same each time it is asked for, and names its account', () => {
    const again = issueSession('123456789012', 'arn:aws:iam::123456789012:role/r', 'fn', { stable: true });
    expect(again.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(issueSession('123456789012', 'arn:aws:iam::123456789012:role/r', 'fn', { stable: true }).accessKeyId).toBe(again.accessKeyId);
    expect(principalOf(again.accessKeyId, 'ignored').account).toBe('123456789012');
  });
});
