/** JWT authorizers: an issuer and audiences a route's tokens must carry. */
import type { OperationContext } from '../../types.ts';
import { BadRequestException, ConflictException, notFound } from './errors.ts';
import { findApi, newId, page, type ApiGatewayState, type Authorizer, type HttpApi } from './model.ts';
import { changed } from './deploy.ts';

type Context = OperationContext<ApiGatewayState>;

function checked(input: Record<string, any>, authorizerId: string): Authorizer {
  if (typeof input.name !== 'string' || input.name === '') throw new BadRequestException('Name is required.');
  if (input.authorizerType === 'REQUEST') throw new BadRequestException('Lambda (REQUEST) authorizers are not emulated: use a JWT authorizer, or the localstack or aws target.');
  if (input.authorizerType !== 'JWT') throw new BadRequestException(`Invalid authorizer type ${String(input.authorizerType)}: HTTP APIs take JWT or REQUEST.`);
  const identitySource = Array.isArray(input.identitySource) ? input.identitySource.map(String) : [];
  if (identitySource.length !== 1 || !/^\$request\.header\.[\w-]+$/.test(identitySource[0]!)) {
    throw new BadRequestException('A JWT authorizer takes one identity source, like $request.header.Authorization.');
  }
  const issuer = input.jwtConfiguration?.issuer;
  if (typeof issuer !== 'string' || !/^https?:\/\//.test(issuer)) throw new BadRequestException('JwtConfiguration.Issuer must be the URL of the token issuer.');
  const audience = Array.isArray(input.jwtConfiguration?.audience) ? input.jwtConfiguration.audience.map(String) : [];
  if (audience.length === 0) throw new BadRequestException('JwtConfiguration.Audience must name at least one audience.');
  return { authorizerId, name: input.name, authorizerType: 'JWT', identitySource, jwtConfiguration: { issuer, audience } };
}

function findAuthorizer(context: Context, apiId: unknown, authorizerId: unknown): { api: HttpApi; authorizer: Authorizer } {
  const api = findApi(context.state, context.account, apiId);
  const authorizer = typeof authorizerId === 'string' ? api.authorizers[authorizerId] : undefined;
  if (!authorizer) throw notFound('Authorizer', context.account, String(authorizerId));
  return { api, authorizer };
}

/** CreateAuthorizer. */
export function createAuthorizer(input: Record<string, any>, context: Context): Authorizer {
  const api = findApi(context.state, context.account, input.apiId);
  const authorizer = checked(input, newId(6));
  if (Object.values(api.authorizers).some((other) => other.name === authorizer.name)) throw new ConflictException(`Authorizer with name ${authorizer.name} already exists`);
  api.authorizers[authorizer.authorizerId] = authorizer;
  return authorizer;
}

/** GetAuthorizer. */
export function getAuthorizer(input: { apiId?: string; authorizerId?: string }, context: Context): Authorizer {
  return findAuthorizer(context, input.apiId, input.authorizerId).authorizer;
}

/** GetAuthorizers. */
export function getAuthorizers(input: { apiId?: string; nextToken?: string; maxResults?: string }, context: Context): Record<string, unknown> {
  const api = findApi(context.state, context.account, input.apiId);
  const { items, nextToken } = page(Object.values(api.authorizers), input.nextToken, input.maxResults);
  return { items, ...(nextToken ? { nextToken } : {}) };
}

/** UpdateAuthorizer. */
export function updateAuthorizer(input: Record<string, any>, context: Context): Authorizer {
  const { api, authorizer } = findAuthorizer(context, input.apiId, input.authorizerId);
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const updated = checked({ ...authorizer, ...given, jwtConfiguration: { ...authorizer.jwtConfiguration, ...given.jwtConfiguration } }, authorizer.authorizerId);
  api.authorizers[authorizer.authorizerId] = updated;
  changed(api);
  return updated;
}

/** DeleteAuthorizer: refused while a route uses it. */
export function deleteAuthorizer(input: { apiId?: string; authorizerId?: string }, context: Context): null {
  const { api, authorizer } = findAuthorizer(context, input.apiId, input.authorizerId);
  const user = Object.values(api.routes).find((route) => route.authorizerId === authorizer.authorizerId);
  if (user) throw new ConflictException(`Cannot delete authorizer ${authorizer.name}, is referenced in route: ${user.routeKey}`);
  delete api.authorizers[authorizer.authorizerId];
  return null;
}
