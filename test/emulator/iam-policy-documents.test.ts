/**
 * Policy documents as IAM validates them, through the real SDK. The identity-policy cases and
 * their messages are AWS's answers to CreatePolicy recorded in LocalStack's IAM snapshots
 * (test_iam_policies.snapshot.json); the trust-policy messages are AWS's recorded answers to
 * UpdateAssumeRolePolicy, applied to CreateRole. Where no recorded answer was found the closest
 * documented one is used, and the case says so.
 */
import { CreatePolicyCommand, CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';

const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const BUCKET = 'arn:aws:s3:::example_bucket';
const doc = (statement: object, top: object = { Version: '2012-10-17' }) => JSON.stringify({ ...top, Statement: statement });
const allow = (extra: object) => ({ Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET, ...extra });

const INVALID: Array<[string, string, string]> = [
  ['not JSON', 'This is not a json document', 'Syntax errors in policy.'],
  ['no Version', JSON.stringify({ Statement: allow({}) }), 'Policy document must be version 2012-10-17 or greater.'],
  ['the 2008 Version', doc(allow({}), { Version: '2008-10-17' }), 'Policy document must be version 2012-10-17 or greater.'],
  ['an unknown Version', doc(allow({}), { Version: '2013-10-17' }), 'Syntax errors in policy.'],
  ['no Statement', JSON.stringify({ Version: '2012-10-17' }), 'Syntax errors in policy.'],
  ['an unknown member', doc(allow({ 'Extra field': 'value' })), 'Syntax errors in policy.'],
  ['an unknown Effect', doc(allow({ Effect: 'invalid' })), 'Syntax errors in policy.'],
  ['an Effect in the wrong case', doc(allow({ Effect: 'denY' })), 'The policy failed legacy parsing'],
  ['an Action without vendor', doc(allow({ Action: 'invalid' })), 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'],
  ['an Action with two colons', doc(allow({ Action: 's3:List:Bucket' })), 'Actions/Condition can contain only one colon.'],
  ['a vendor with a space', doc(allow({ Action: 'a a:ListBucket' })), 'Vendor a a is not valid'],
  ['a Resource that is no ARN', doc(allow({ Resource: 'invalid resource' })), 'Resource invalid resource must be in ARN format or "*".'],
  ['an unknown partition', doc(allow({ Resource: 'arn:error:s3:::example_bucket' })), 'Partition "error" is not valid for resource "arn:error:s3:::example_bucket".'],
  ['a partial ARN', doc(allow({ Resource: 'aws:s3:::example_bucket' })), 'Partition "s3" is not valid for resource "arn:s3:::example_bucket:*".'],
  ['no vendor in the ARN', doc(allow({ Resource: 'arn:aws' })), 'Resource vendor must be fully qualified and cannot contain regexes.'],
  ['an ARN missing a part', doc(allow({ Resource: 'arn:aws:s3::example_bucket' })), 'The policy failed legacy parsing'],
  ['an IAM ARN with a region', doc(allow({ Resource: 'arn:aws:iam:us-east-1::example_bucket' })), 'IAM resource arn:aws:iam:us-east-1::example_bucket cannot contain region information.'],
  ['no Resource', doc({ Effect: 'Allow', Action: 's3:ListBucket' }), 'Policy statement must contain resources.'],
  ['no Action', doc({ Effect: 'Allow', Resource: BUCKET }), 'Policy statement must contain actions.'],
  ['Action beside NotAction', doc(allow({ NotAction: 's3:ListBucket', Action: 'iam:dsf' })), 'Syntax errors in policy.'],
  ['a Condition that is a list', doc(allow({ Condition: [] })), 'Syntax errors in policy.'],
  ['a date that is none', doc(allow({ Condition: { DateGreaterThan: { a: 'sdfdsf' } } })), 'The policy failed legacy parsing'],
  ['the same Sid twice', doc([allow({ Sid: 'sdf' }), { Sid: 'sdf', Effect: 'Allow' }]), 'Statement IDs (SID) in a single policy must be unique.'],
  ['a Principal', doc(allow({ Principal: '*' })), 'Policy document should not specify a principal.'],
];

describe('policy document validation', () => {
  const emulator = useEmulator();
  const iam = () => emulator.clients.iam;

  it.each(INVALID)('refuses a managed policy with %s', async (_case, document, message) => {
    await expect(iam().send(new CreatePolicyCommand({ PolicyName: 'invalid', PolicyDocument: document }))).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException', message, $metadata: { httpStatusCode: 400 },
    });
  });

  it('accepts what AWS accepts', async () => {
    const valid = [
      doc(allow({ Resource: [BUCKET, '*'] })),
      doc(allow({ Action: 'iam: asdf safdsf af ' })),
      doc(allow({ Resource: 'arn:aws:fdsasf' })),
      doc(allow({ Condition: { DateGreaterThan: { 'aws:CurrentTime': '2017-07-01T00:00:00Z' }, 'ForAnyValue:StringEqualsIfExists': { a: 'asf' }, x: {} } })),
      doc({ Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::HRBucket/Payroll', 'arn:aws:s3:::HRBucket/Payroll/*'] }, { Version: '2012-10-17', Id: 'x' }),
    ];
    for (const [index, document] of valid.entries()) await iam().send(new CreatePolicyCommand({ PolicyName: `valid-${index}`, PolicyDocument: document }));
  });

  it('counts a managed policy against 6,144 characters, white space aside', async () => {
    const actions = (count: number) => Array.from({ length: count }, (_, i) => `dynamodb:Action${String(i).padStart(4, '0')}`);
    // Each action adds 22 characters ("dynamodb:ActionNNNN" quoted, and a comma).
    const fits = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions(250), Resource: '*' }] }, null, 4);
    expect(fits.length).toBeGreaterThan(6144);
    await iam().send(new CreatePolicyCommand({ PolicyName: 'pretty-but-small', PolicyDocument: fits }));
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions(290), Resource: '*' }] });
    expect(big.length).toBeGreaterThan(6144);
    await expect(iam().send(new CreatePolicyCommand({ PolicyName: 'too-big', PolicyDocument: big }))).rejects.toMatchObject({
      name: 'LimitExceededException', message: 'Cannot exceed quota for PolicySize: 6144', $metadata: { httpStatusCode: 409 },
    });
  });

  it('checks inline role policies, and their 10,240-character total per role', async () => {
    await iam().send(new CreateRoleCommand({ RoleName: 'inline', AssumeRolePolicyDocument: JSON.stringify(TRUST) }));
    const put = (name: string, document: string) => iam().send(new PutRolePolicyCommand({ RoleName: 'inline', PolicyName: name, PolicyDocument: document }));
    await expect(put('bad', doc(allow({ Action: 'invalid' })))).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException', message: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.' });
    await expect(put('bad', doc(allow({ Principal: { AWS: '*' } })))).rejects.toMatchObject({ message: 'Policy document should not specify a principal.' });
    const part = (count: number) => doc(allow({ Resource: Array.from({ length: count }, (_, i) => `arn:aws:s3:::bucket-${String(i).padStart(5, '0')}`) }));
    const half = part(190);
    expect(half.length).toBeLessThan(6144);
    await put('one', half);
    // Replacing a policy counts its new text, not both.
    await put('one', half);
    await expect(put('two', half)).rejects.toMatchObject({
      name: 'LimitExceededException', message: 'Maximum policy size of 10240 bytes exceeded for role inline', $metadata: { httpStatusCode: 409 },
    });
    await put('two', part(100));
  });

  it('checks trust policies as AWS does', async () => {
    const create = (name: string, document: string) => iam().send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: document }));
    await expect(create('t1', '{not json')).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException', message: 'This policy contains invalid Json' });
    await expect(create('t2', doc({ ...TRUST.Statement[0], Resource: '*' }))).rejects.toMatchObject({ message: 'Has prohibited field Resource' });
    await expect(create('t3', doc({ ...TRUST.Statement[0], Action: 's3:GetObject' }))).rejects.toMatchObject({ message: 'AssumeRole policy may only specify STS AssumeRole actions.' });
    // No recorded answer was found for a missing Principal: this is the message IAM gives through CloudFormation.
    await expect(create('t4', doc({ Effect: 'Allow', Action: 'sts:AssumeRole' }))).rejects.toMatchObject({ message: 'Missing required field Principal' });
    await create('t5', JSON.stringify({ ...TRUST, Version: '2008-10-17' }));
  });
});
