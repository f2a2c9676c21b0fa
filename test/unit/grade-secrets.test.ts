/** Grading keeps the host's secrets to itself: an allow-listed environment, and redacted reports. */
import { describe, expect, it } from 'vitest';
import { gradingEnvironment, hostSecrets, redact } from '../../src/grade/secrets.ts';

const HOST = {
  PATH: '/usr/bin', HOME: '/home/teacher', LANG: 'en_US.UTF-8', WORKSHOP_SANDBOX: 'bubblewrap',
  GITHUB_TOKEN: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', WORKSHOP_API_TOKEN: 'token-value-1234', NODE_OPTIONS: '--require /tmp/evil.js', DATABASE_PASSWORD: 'hunter2hunter2',
};

describe('the grading environment', () => {
  it('keeps what Node and the kit need, and none of the host\'s secrets', () => {
    const env = gradingEnvironment(HOST);
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/teacher', LANG: 'en_US.UTF-8', WORKSHOP_SANDBOX: 'bubblewrap' });
  });
});

describe('redaction', () => {
  const secrets = hostSecrets(HOST);

  it('hides every host secret wherever it appears', () => {
    const text = `env: {"GITHUB_TOKEN":"${HOST.GITHUB_TOKEN}","pw":"${HOST.DATABASE_PASSWORD}","k":"${HOST.AWS_SECRET_ACCESS_KEY}"}`;
    const shown = redact(text, secrets);
    for (const value of [HOST.GITHUB_TOKEN, HOST.DATABASE_PASSWORD, HOST.AWS_SECRET_ACCESS_KEY]) expect(shown).not.toContain(value);
    expect(shown).toContain('[redacted]');
  });

  it('hides credential shapes no variable held', () => {
    const text = 'AKIAABCDEFGHIJKLMNOP ghs_0123456789abcdefghijklmnopqrstuvwxyz aws_secret_access_key = abcdefghijABCDEFGHIJ0123456789abcd\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----';
    const shown = redact(text, []);
    expect(shown).not.toMatch(/AKIAABCDEFGHIJKLMNOP|ghs_0123|abcdefghijABCDEFGHIJ|MIIE/);
    expect(shown).toContain('aws_secret_access_key = [redacted]');
  });

  it('leaves a learner\'s ordinary message as it is', () => {
    const message = 'totalCents for order ord-1000 (2 x 1250, no code, EUR): expected 3000, got 2999';
    expect(redact(message, secrets)).toBe(message);
  });
});
