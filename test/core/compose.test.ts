import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const text = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
const compose = parse(text) as { services: Record<string, any> };
const localstack = compose.services.localstack;

describe('docker-compose.yml (the LocalStack target)', () => {
  it('pins the last LocalStack tag that runs without an auth token', () => {
    expect(localstack.image).toBe('${LOCALSTACK_IMAGE:-localstack/localstack:4.14.0}');
  });

  it('publishes the edge port and the service port range on loopback only', () => {
    expect(localstack.ports).toEqual(['127.0.0.1:4566:4566', '127.0.0.1:4510-4559:4510-4559']);
  });

  it('mounts the Docker socket (Lambda needs it) and keeps data in a volume', () => {
    expect(localstack.volumes).toContain('/var/run/docker.sock:/var/run/docker.sock');
    expect(localstack.volumes.some((volume: string) => volume.endsWith(':/var/lib/localstack'))).toBe(true);
  });

  it('skips the certificate download and checks health on the LocalStack route', () => {
    expect(localstack.environment).toContain('SKIP_SSL_CERT_DOWNLOAD=1');
    expect(localstack.healthcheck.test.join(' ')).toContain('/_localstack/health');
  });

  it('reads the auth token from the environment and never holds one', () => {
    expect(localstack.environment).toContain('LOCALSTACK_AUTH_TOKEN=${LOCALSTACK_AUTH_TOKEN:-}');
    expect(text).not.toMatch(/ls-[A-Za-z0-9]{8,}/);
  });
});
