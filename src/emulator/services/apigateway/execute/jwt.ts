/**
 * JWT authorizers as API Gateway runs them: the token from the identity source (a `Bearer `
 * prefix is dropped), signed by a key of the issuer's JWKS (found through its OpenID discovery
 * document), with the issuer, one of the audiences in `aud` or `client_id`, a time that is not
 * past `exp` or before `nbf`, and every scope the route asks for. No token or a bad one is 401;
 * missing scopes are 403.
 */
import type { createRemoteJWKSet, JWTPayload } from 'jose';
import type { EmulatorRequest } from '../../../types.ts';
import type { HttpApi, Route } from '../model.ts';
import { isLocalIssuer, jose, localJwks } from './identity-provider.ts';

/** The claims of a verified token (undefined for a route without an authorizer), or why the request is refused. */
export type Authorization = { claims: Record<string, unknown> | undefined } | { status: 401 | 403; reason: string };

type KeySet = ReturnType<typeof createRemoteJWKSet>;
const remote = new Map<string, Promise<KeySet>>();

async function keySetOf(issuer: string): Promise<KeySet> {
  const { createLocalJWKSet, createRemoteJWKSet } = await jose();
  if (isLocalIssuer(issuer)) return createLocalJWKSet(await localJwks()) as unknown as KeySet;
  let found = remote.get(issuer);
  if (!found) {
    found = (async () => {
      const discovery = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
      if (!discovery.ok) throw new Error(`the issuer's discovery document answered ${discovery.status}`);
      const { jwks_uri: uri } = (await discovery.json()) as { jwks_uri?: string };
      if (!uri) throw new Error('the issuer\'s discovery document names no jwks_uri');
      return createRemoteJWKSet(new URL(uri));
    })();
    found.catch(() => remote.delete(issuer));
    remote.set(issuer, found);
  }
  return found;
}

function scopesOf(payload: JWTPayload): string[] {
  const value = payload.scope ?? payload.scp;
  if (typeof value === 'string') return value.split(' ').filter(Boolean);
  return Array.isArray(value) ? value.map(String) : [];
}

/** Checks the route's authorizer, if it has one. */
export async function authorize(api: HttpApi, route: Route, request: EmulatorRequest): Promise<Authorization> {
  if (route.authorizationType !== 'JWT') return { claims: undefined };
  const authorizer = route.authorizerId ? api.authorizers[route.authorizerId] : undefined;
  if (!authorizer?.jwtConfiguration?.issuer) return { status: 401, reason: 'its authorizer no longer exists' };
  const header = authorizer.identitySource[0]!.replace(/^\$request\.header\./, '').toLowerCase();
  const raw = request.headers[header];
  if (!raw) return { status: 401, reason: `the request has no ${header} header` };
  const token = raw.replace(/^Bearer\s+/i, '');
  const { jwtVerify } = await jose();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, await keySetOf(authorizer.jwtConfiguration.issuer), { issuer: authorizer.jwtConfiguration.issuer }));
  } catch (error) {
    return { status: 401, reason: `the token was refused (${(error as Error).message})` };
  }
  const audiences = authorizer.jwtConfiguration.audience ?? [];
  const given = [...(Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : []), ...(typeof payload.client_id === 'string' ? [payload.client_id] : [])];
  if (!given.some((audience) => audiences.includes(audience))) return { status: 401, reason: `the token's audience (${given.join(', ') || 'none'}) is not one of ${audiences.join(', ')}` };
  const needed = route.authorizationScopes ?? [];
  const scopes = scopesOf(payload);
  const missing = needed.filter((scope) => !scopes.includes(scope));
  if (needed.length > 0 && missing.length === needed.length) return { status: 403, reason: `the token lacks the scope ${needed.join(' or ')}` };
  return { claims: Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, typeof value === 'object' ? JSON.stringify(value) : value])) };
}
