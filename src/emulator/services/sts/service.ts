/**
 * STS: who am I. The account comes from the access key id, as the router reads it.
 * LIMITATIONS: GetCallerIdentity and AssumeRole only; AssumeRole returns credentials that sign as
 * the same account and are not checked.
 */
import { randomBytes } from 'node:crypto';
import type { ServiceDefinition } from '../../types.ts';
import { MissingParameter } from '../../errors.ts';

/** The STS service definition. */
export const stsService: ServiceDefinition<Record<string, never>> = {
  name: 'sts',
  signingNames: ['sts'],
  protocol: 'query',
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  createState: () => ({}),
  global: true,
  operations: {
    GetCallerIdentity(_input, { account }) {
      return { UserId: `AIDA${account}EXAMPLE`, Account: account, Arn: `arn:aws:iam::${account}:root` };
    },
    AssumeRole(input: { RoleArn?: string; RoleSessionName?: string; DurationSeconds?: string }, { account }) {
      if (!input.RoleArn) throw new MissingParameter('RoleArn');
      if (!input.RoleSessionName) throw new MissingParameter('RoleSessionName');
      const duration = Number(input.DurationSeconds ?? 3600);
      const roleName = input.RoleArn.split('/').pop();
      return {
        Credentials: {
          // A 12-digit key keeps the caller in its own account on the emulator.
          AccessKeyId: account,
          SecretAccessKey: randomBytes(20).toString('base64'),
          SessionToken: randomBytes(32).toString('base64'),
          Expiration: new Date(Date.now() + duration * 1000),
        },
        AssumedRoleUser: {
          AssumedRoleId: `AROA${randomBytes(8).toString('hex').toUpperCase()}:${input.RoleSessionName}`,
          Arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${input.RoleSessionName}`,
        },
      };
    },
  },
};
