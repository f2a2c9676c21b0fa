/**
 * Acting as a role, as its function would: STS AssumeRole gives the grader the same kind of
 * credentials Lambda gives the function (an `ASIA` key of a session of the role), and calls made
 * with them are judged by the role's policies alone. Also the plain-HTTP S3 client the TLS check
 * uses, and the search for wildcards in the policies the learner wrote.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { GraderContext } from '../../src/core/grader/index.ts';
import { sdkConfig } from '../../src/core/sdk-config.ts';

/** Clients signed as one session of a role. */
export interface RoleClients {
  dynamodb: DynamoDBClient;
  s3: S3Client;
  secrets: SecretsManagerClient;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Clients of a fresh session of `roleName`; destroyed after the run. */
export async function actAs(lab: GraderContext, account: string, roleName: string): Promise<RoleClients> {
  const RoleArn = `arn:aws:iam::${account}:role/${roleName}`;
  // On AWS a new role's trust policy takes a few seconds to reach STS.
  const deadline = Date.now() + (lab.settings.target.name === 'aws' ? 30_000 : 0);
  let answer;
  for (;;) {
    try {
      answer = await lab.clients.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'workshop-grader' }));
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await pause(2000);
    }
  }
  const { AccessKeyId, SecretAccessKey, SessionToken } = answer.Credentials!;
  const config = { ...sdkConfig(lab.settings.target), credentials: { accessKeyId: AccessKeyId!, secretAccessKey: SecretAccessKey!, sessionToken: SessionToken! }, maxAttempts: 1 };
  const clients = { dynamodb: new DynamoDBClient(config), s3: new S3Client({ ...config, forcePathStyle: lab.settings.target.name !== 'aws' }), secrets: new SecretsManagerClient(config) };
  lab.onCleanup(async () => Object.values(clients).forEach((client) => client.destroy()));
  return clients;
}

/**
 * An S3 client of the grader's own account whose requests do not use TLS. Against AWS it speaks
 * plain HTTP to S3's http:// endpoint. The emulator serves only plain HTTP and counts every
 * request as TLS (the SDKs use HTTPS against AWS), unless X-Forwarded-Proto, the header a
 * TLS-terminating proxy adds, says `http`: this client adds it, as such a proxy would.
 */
export function plainHttpS3(lab: GraderContext): S3Client {
  const { target } = lab.settings;
  const config = sdkConfig(target);
  const client = target.name === 'aws'
    ? new S3Client({ ...config, endpoint: `http://s3.${target.region}.amazonaws.com` })
    : new S3Client({ ...config, forcePathStyle: true, maxAttempts: 1 });
  if (target.name !== 'aws') {
    client.middlewareStack.add((next) => async (args) => {
      (args.request as { headers: Record<string, string> }).headers['x-forwarded-proto'] = 'http';
      return next(args);
    }, { step: 'build', name: 'plainHttpRequest' });
  }
  lab.onCleanup(async () => client.destroy());
  return client;
}

/** What a call answered: `allowed`, or the error's name. */
export async function outcomeOf(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'allowed';
  } catch (error) {
    return (error as Error).name || 'Error';
  }
}

/** True for AWS's refusals of an unauthorized call (AccessDenied for S3, AccessDeniedException elsewhere). */
export const isAccessDenied = (outcome: string) => outcome === 'AccessDenied' || outcome === 'AccessDeniedException';

const listOf = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]);

/** A resource pattern that names every resource of a kind rather than one: `*`, `arn:aws:s3:::*`, `table/*`, `secret:*`. */
function everyResource(resource: string): boolean {
  return resource === '*' || /^arn:[^:]*:[^:]*:[^:]*:[^:]*:\*$/.test(resource) || /^arn:[^:]*:s3:::\*/.test(resource) || /:(table|secret|function|parameter)[/:]\*$/.test(resource);
}

/** One wildcard an Allow statement grants. */
export type Wildcard = { kind: 'action'; action: string } | { kind: 'resource'; resource: string } | { kind: 'not'; element: string };

/** The wildcards the Allow statements of a policy grant (a Deny may and should be broad). */
export function wildcardsOf(policyText: string | undefined): Wildcard[] {
  if (!policyText) return [];
  let document: { Statement?: unknown };
  try {
    document = JSON.parse(policyText) as { Statement?: unknown };
  } catch {
    return [];
  }
  const statements = (Array.isArray(document.Statement) ? document.Statement : [document.Statement]).filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null);
  return statements.filter((statement) => statement.Effect === 'Allow').flatMap((statement): Wildcard[] => [
    ...listOf(statement.Action).filter((action) => action.includes('*')).map((action) => ({ kind: 'action' as const, action })),
    ...listOf(statement.Resource).filter(everyResource).map((resource) => ({ kind: 'resource' as const, resource })),
    ...(['NotAction', 'NotResource'] as const).filter((element) => statement[element] !== undefined).map((element) => ({ kind: 'not' as const, element })),
  ]);
}
