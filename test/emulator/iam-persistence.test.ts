/** IAM's managed policies, their versions and attachments survive a restart with a state folder. */
import { AttachRolePolicyCommand, CreatePolicyCommand, CreatePolicyVersionCommand, CreateRoleCommand, GetPolicyCommand, GetPolicyVersionCommand, ListAttachedRolePoliciesCommand, ListPolicyVersionsCommand, PutRolePolicyCommand, GetRolePolicyCommand } from '@aws-sdk/client-iam';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.ts';
import { clientsAt } from '../support/emulator.ts';

const folder = mkdtempSync(join(tmpdir(), 'iam-state-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const policy = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
const BASIC = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

async function withEmulator(body: (iam: ReturnType<typeof clientsAt>['iam']) => Promise<void>): Promise<void> {
  const running = await startEmulator({ port: 0, stateDir: folder, log: () => {} });
  const clients = clientsAt(running.url);
  try {
    await body(clients.iam);
  } finally {
    clients.destroy();
    await running.stop();
  }
}

describe('IAM with --state', () => {
  it('keeps policies, versions, attachments and inline policies across a restart', async () => {
    let arn = '';
    let created: Date | undefined;
    await withEmulator(async (iam) => {
      const made = await iam.send(new CreatePolicyCommand({ PolicyName: 'kept', Description: 'kept across restarts', PolicyDocument: policy('sqs:SendMessage'), Tags: [{ Key: 'lab', Value: '10' }] }));
      arn = made.Policy!.Arn!;
      created = made.Policy!.CreateDate;
      await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: policy('sqs:ReceiveMessage'), SetAsDefault: true }));
      await iam.send(new CreateRoleCommand({ RoleName: 'kept-role', AssumeRolePolicyDocument: TRUST }));
      await iam.send(new AttachRolePolicyCommand({ RoleName: 'kept-role', PolicyArn: arn }));
      await iam.send(new AttachRolePolicyCommand({ RoleName: 'kept-role', PolicyArn: BASIC }));
      await iam.send(new PutRolePolicyCommand({ RoleName: 'kept-role', PolicyName: 'inline', PolicyDocument: policy('s3:GetObject') }));
    });
    await withEmulator(async (iam) => {
      const got = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
      expect(got.Policy).toMatchObject({ PolicyName: 'kept', Description: 'kept across restarts', DefaultVersionId: 'v2', AttachmentCount: 1, Tags: [{ Key: 'lab', Value: '10' }] });
      expect(got.Policy?.CreateDate?.toISOString()).toBe(created?.toISOString());
      expect((await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions?.map((v) => v.VersionId)).toEqual(['v2', 'v1']);
      const v1 = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
      expect(decodeURIComponent(v1.PolicyVersion!.Document!)).toBe(policy('sqs:SendMessage'));
      expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'kept-role' }))).AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['kept', 'AWSLambdaBasicExecutionRole']);
      expect((await iam.send(new GetPolicyCommand({ PolicyArn: BASIC }))).Policy?.AttachmentCount).toBe(1);
      const inline = await iam.send(new GetRolePolicyCommand({ RoleName: 'kept-role', PolicyName: 'inline' }));
      expect(decodeURIComponent(inline.PolicyDocument!)).toBe(policy('s3:GetObject'));
      // Version numbers go on from where they were.
      expect((await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: policy('sqs:DeleteMessage') }))).PolicyVersion?.VersionId).toBe('v3');
    });
  });
});
