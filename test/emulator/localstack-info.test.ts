/**
 * `/_localstack/info` and `/_localstack/init` in LocalStack's shapes, through real HTTP: read-only,
 * and refused to web pages like every other LocalStack route.
 */
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';

describe('LocalStack\'s info and init routes', () => {
  const emulator = useEmulator();
  const get = (path: string, init: RequestInit = {}) => fetch(`${emulator.running.url}${path}`, init);

  it('GET /_localstack/info says what the emulator is, with LocalStack\'s field names', async () => {
    const answer = await get('/_localstack/info');
    expect(answer.status).toBe(200);
    const info = (await answer.json()) as Record<string, unknown>;
    expect(info).toMatchObject({ edition: 'community', is_docker: false, system: process.platform });
    expect(info.version).toMatch(/-workshop-emulator$/);
    expect(info.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(info.machine_id).toMatch(/^gen_[0-9a-f]{12}$/);
    expect(typeof info.uptime).toBe('number');
    // One session per emulator: the same id on every call.
    expect(((await (await get('/_localstack/info')).json()) as Record<string, unknown>).session_id).toBe(info.session_id);
  });

  it('GET /_localstack/init answers every stage, and one stage at /_localstack/init/<stage>', async () => {
    const init = await (await get('/_localstack/init')).json();
    expect(init).toEqual({ completed: { BOOT: true, START: true, READY: true, SHUTDOWN: false }, scripts: [] });
    expect(await (await get('/_localstack/init/ready')).json()).toEqual({ completed: true, scripts: [] });
    const unknown = await get('/_localstack/init/later');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toContain('boot, start, ready, shutdown');
  });

  it('only reads, and refuses web pages from other origins', async () => {
    expect((await get('/_localstack/init', { method: 'POST' })).status).toBe(405);
    expect((await get('/_localstack/info', { method: 'DELETE' })).status).toBe(405);
    expect((await get('/_localstack/info', { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await get('/_localstack/init', { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
  });
});
