/**
 * A local OpenID identity provider for JWT authorizers, so labs can sign users in without an
 * account anywhere: its issuer is `<emulator>/_workshop/idp`, its discovery document and JWKS
 * are served there, and `POST /_workshop/idp/token` (from this machine only) issues a signed
 * token for the subject, audience, scopes and claims asked for. Its key lives as long as the
 * emulator process.
 */
import type { CryptoKey, JWK } from 'jose';
import type { Emulator } from '../../../emulator.ts';
import type { EmulatorRequest, EmulatorResponse } from '../../../types.ts';
import { fromLoopback } from '../../../workshop-cors.ts';

/** The path of the local issuer. */
export const IDP_PATH = '/_workshop/idp';

const KEY_ID = 'workshop-local';

interface Keys {
  privateKey: CryptoKey;
  jwk: JWK;
}

let keys: Promise<Keys> | undefined;
let loaded: Promise<typeof import('jose')> | undefined;

/** The JWT library, loaded on the first token: most runs of the emulator never sign or verify one, and it costs start-up time. */
export function jose(): Promise<typeof import('jose')> {
  loaded ??= import('jose');
  return loaded;
}

function signingKeys(): Promise<Keys> {
  keys ??= jose().then(async ({ exportJWK, generateKeyPair }) => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'ES256', use: 'sig' } };
  });
  return keys;
}

/** The public keys of the local issuer. */
export async function localJwks(): Promise<{ keys: JWK[] }> {
  return { keys: [(await signingKeys()).jwk] };
}

/** The local issuer's URL for an emulator at `origin`. */
export function localIssuer(origin: string): string {
  return `${origin || 'http://127.0.0.1:4566'}${IDP_PATH}`;
}

/** True when `issuer` is this emulator's own (any of its loopback names). */
export function isLocalIssuer(issuer: string): boolean {
  try {
    const url = new URL(issuer);
    return url.pathname.replace(/\/$/, '') === IDP_PATH && /^(127\.0\.0\.1|localhost|\[::1\])$/.test(url.hostname);
  } catch {
    return false;
  }
}

/** Signs a token as the local issuer. */
export async function issueToken(issuer: string, request: { subject?: string; audience?: string | string[]; scope?: string; claims?: Record<string, unknown>; expiresInSeconds?: number }): Promise<string> {
  const { privateKey } = await signingKeys();
  const { SignJWT } = await jose();
  const claims = { ...(request.claims ?? {}), ...(request.scope ? { scope: request.scope } : {}) };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: KEY_ID, typ: 'JWT' })
    .setIssuer(issuer)
    .setSubject(request.subject ?? 'learner')
    .setAudience(request.audience ?? 'shop')
    .setIssuedAt()
    .setExpirationTime(`${request.expiresInSeconds ?? 3600}s`)
    .sign(privateKey);
}

function json(status: number, body: unknown): EmulatorResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** Serves the local issuer's discovery document, keys and token endpoint. */
export function registerIdentityProvider(emulator: Emulator): void {
  emulator.addInternalRoute(IDP_PATH, async (request: EmulatorRequest) => {
    const issuer = localIssuer(emulator.url);
    const rest = request.path.slice(IDP_PATH.length);
    if (request.method === 'GET' && rest === '/.well-known/openid-configuration') {
      return json(200, { issuer, jwks_uri: `${issuer}/.well-known/jwks.json`, token_endpoint: `${issuer}/token`, id_token_signing_alg_values_supported: ['ES256'] });
    }
    if (request.method === 'GET' && rest === '/.well-known/jwks.json') return json(200, await localJwks());
    if (request.method === 'POST' && rest === '/token') {
      if (!fromLoopback(request)) return json(403, { message: 'tokens are issued to callers on this machine only' });
      let asked: Record<string, unknown>;
      try {
        asked = request.body.length === 0 ? {} : (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>);
      } catch {
        return json(400, { message: 'send a JSON body like {"subject": "alice", "audience": "shop", "scope": "orders/write"}' });
      }
      const token = await issueToken(issuer, {
        ...(typeof asked.subject === 'string' ? { subject: asked.subject } : {}),
        ...(typeof asked.audience === 'string' || Array.isArray(asked.audience) ? { audience: asked.audience as string | string[] } : {}),
        ...(typeof asked.scope === 'string' ? { scope: asked.scope } : {}),
        ...(typeof asked.claims === 'object' && asked.claims !== null ? { claims: asked.claims as Record<string, unknown> } : {}),
        ...(typeof asked.expiresInSeconds === 'number' ? { expiresInSeconds: asked.expiresInSeconds } : {}),
      });
      return json(200, { access_token: token, token_type: 'Bearer', issuer });
    }
    return json(404, { message: `no such route of the local identity provider: ${request.method} ${request.path}` });
  });
}
