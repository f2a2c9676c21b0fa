/**
 * Temporary credentials of role sessions, as STS issues them: an access key id starting `ASIA`,
 * a secret and a session token, standing for `arn:aws:sts::<account>:assumed-role/<role>/<session>`.
 * The key selects the session's account and principal wherever the emulator reads a caller.
 * A function's credentials are derived from its account, role and name, so every environment of
 * the same configuration signs with the same key (and the warm pool keeps them); AssumeRole gives
 * fresh ones each call. Sessions live as long as the emulator process.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** One role session and its credentials. */
export interface RoleSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  account: string;
  /** The role's ARN, as IAM names it (with its path). */
  roleArn: string;
  roleName: string;
  sessionName: string;
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>`: the caller's ARN. */
  arn: string;
  /** `AROA...:<session>`: GetCallerIdentity's UserId and aws:userid. */
  userId: string;
  expiration: Date;
  /** Condition keys every call of the session carries, like lambda:SourceFunctionArn for a function's. */
  keys?: Record<string, string>;
}

const SEED = randomBytes(32);
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const sessions = new Map<string, RoleSession>();

function base32(bytes: Buffer, length: number): string {
  return [...bytes.subarray(0, length)].map((byte) => BASE32[byte % 32]).join('');
}

/** The name part of a role ARN (the last segment of `role/path/name`). */
export function roleNameOf(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf('/') + 1);
}

/** The account of an ARN like `arn:aws:iam::123456789012:role/x`, or undefined. */
export function accountOfArn(arn: string): string | undefined {
  return /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

/**
 * Issues credentials for a session of `roleArn`. `stable` derives them from the account, role and
 * session name (a function's), so asking again gives the same key; otherwise they are random.
 */
export function issueSession(account: string, roleArn: string, sessionName: string, options: { durationSeconds?: number; stable?: boolean; roleId?: string; keys?: Record<string, string> } = {}): RoleSession {
  const material = options.stable
    ? createHmac('sha256', SEED).update(`${account}\n${roleArn}\n${sessionName}`).digest()
    : randomBytes(32);
  const accessKeyId = `ASIA${base32(material, 16)}`;
  const known = sessions.get(accessKeyId);
  if (known && options.stable) return known;
  const secret = createHmac('sha256', material).update('secret').digest('base64').slice(0, 40);
  const token = createHmac('sha512', material).update('token').digest('base64');
  const roleName = roleNameOf(roleArn);
  const roleId = options.roleId ?? `AROA${base32(createHmac('sha256', SEED).update(roleArn).digest(), 17)}`;
  const session: RoleSession = {
    accessKeyId,
    secretAccessKey: secret,
    sessionToken: `IQoJb3JpZ2luX2VjE${token}`,
    account,
    roleArn,
    roleName,
    sessionName,
    arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
    userId: `${roleId}:${sessionName}`,
    expiration: new Date(Date.now() + (options.durationSeconds ?? 43_200) * 1000),
    ...(options.keys ? { keys: options.keys } : {}),
  };
  sessions.set(accessKeyId, session);
  return session;
}

/** The role session an access key id belongs to, or undefined (a long-term key, or one never issued here). */
export function sessionOf(accessKeyId: string | undefined): RoleSession | undefined {
  return accessKeyId?.startsWith('ASIA') ? sessions.get(accessKeyId) : undefined;
}

/** A secret lookup that also knows the secrets of the sessions issued here (for verified signatures). */
export function withSessionSecrets(lookup: (accessKeyId: string) => string | undefined): (accessKeyId: string) => string | undefined {
  return (accessKeyId) => sessionOf(accessKeyId)?.secretAccessKey ?? lookup(accessKeyId);
}
