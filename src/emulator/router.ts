/**
 * Finds which service a request is for and who is calling: by `X-Amz-Target` prefix, then by the
 * SigV4 credential scope's service name, then by path. The access key id selects the account.
 */
import { DEFAULT_ACCOUNT_ID } from './identity.ts';
import { sessionOf } from './policy/sessions.ts';
import type { EmulatorRequest, Protocol, ServiceDefinition } from './types.ts';

/** Who is calling, as the credential scope says. */
export interface Caller {
  account: string;
  region: string;
  accessKeyId: string | undefined;
}

/** The region used when a request is unsigned. */
export const DEFAULT_REGION = 'us-east-1';

const CREDENTIAL = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

function credentialScope(request: EmulatorRequest): { accessKeyId: string; region: string; service: string } | undefined {
  const source = request.headers.authorization ?? '';
  const fromHeader = CREDENTIAL.exec(source);
  if (fromHeader) return { accessKeyId: fromHeader[1]!, region: fromHeader[2]!, service: fromHeader[3]! };
  // Presigned URLs carry the scope in the query string.
  const fromQuery = request.query.get('X-Amz-Credential');
  if (fromQuery) {
    const [accessKeyId, , region, service] = fromQuery.split('/');
    if (accessKeyId && region && service) return { accessKeyId, region, service };
  }
  return undefined;
}

/** The account an access key id stands for: a 12-digit key is that account, a role session's key its role's, anything else the default. */
export function accountForKey(accessKeyId: string | undefined): string {
  if (accessKeyId && /^\d{12}$/.test(accessKeyId)) return accessKeyId;
  return sessionOf(accessKeyId)?.account ?? DEFAULT_ACCOUNT_ID;
}

/** Reads the caller's account and region from the request's signature. */
export function identifyCaller(request: EmulatorRequest): Caller {
  const scope = credentialScope(request);
  return {
    account: accountForKey(scope?.accessKeyId),
    region: scope?.region ?? DEFAULT_REGION,
    accessKeyId: scope?.accessKeyId,
  };
}

/** Routes requests to services; built once from the service list. */
export class ServiceRouter {
  private readonly byTarget = new Map<string, ServiceDefinition>();
  private readonly bySigningName = new Map<string, ServiceDefinition>();
  private readonly byPathPrefix: Array<[string, ServiceDefinition]> = [];
  private readonly queryServices: ServiceDefinition[] = [];
  private fallback: ServiceDefinition | undefined;

  constructor(services: ServiceDefinition[]) {
    for (const service of services) {
      if (service.targetPrefix) this.byTarget.set(service.targetPrefix, service);
      for (const name of service.signingNames) this.bySigningName.set(name, service);
      if (service.protocol === 'query' || service.alternateProtocols?.includes('query')) this.queryServices.push(service);
      if (service.protocol === 'rest-json') {
        for (const route of service.routes ?? []) {
          const prefix = route.path.split('/').slice(0, 2).join('/');
          if (prefix.length > 1) this.byPathPrefix.push([`${prefix}/`, service]);
        }
      }
      // S3 answers whatever no other service claims, as on LocalStack.
      if (service.protocol === 'rest-xml') this.fallback = service;
    }
  }

  /** The service a request is for, or `undefined` when nothing claims it. */
  route(request: EmulatorRequest): ServiceDefinition | undefined {
    const target = request.headers['x-amz-target'];
    if (target) {
      const service = this.byTarget.get(target.slice(0, target.indexOf('.')));
      if (service) return service;
    }
    const scope = credentialScope(request);
    if (scope) {
      const service = this.bySigningName.get(scope.service);
      if (service) return service;
    }
    for (const [prefix, service] of this.byPathPrefix) if (request.path.startsWith(prefix)) return service;
    const action = formAction(request);
    if (action) {
      const service = this.queryServices.find((candidate) => Object.hasOwn(candidate.operations, action));
      if (service) return service;
    }
    return this.fallback;
  }
}

/** The `Action` of a query-protocol request (URL or form body), or `undefined`. */
export function formAction(request: EmulatorRequest): string | undefined {
  if (request.query.has('Action')) return request.query.get('Action') ?? undefined;
  const type = request.headers['content-type'] ?? '';
  if (request.method === 'POST' && type.startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams(request.body.toString('utf8')).get('Action') ?? undefined;
  }
  return undefined;
}

/**
 * The protocol to decode a request with: the service's own, or an alternate one it lists when
 * the request is shaped for it (today: query, chosen when there is no `X-Amz-Target` but an `Action`).
 */
export function protocolFor(service: ServiceDefinition, request: EmulatorRequest): Protocol {
  const alternates = service.alternateProtocols ?? [];
  if (alternates.includes('query') && service.protocol !== 'query' && !request.headers['x-amz-target'] && formAction(request) !== undefined) {
    return 'query';
  }
  return service.protocol;
}
