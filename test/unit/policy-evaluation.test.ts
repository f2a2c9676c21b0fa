/**
 * The policy evaluator against the cases of AWS's "Policy evaluation logic" and "IAM JSON policy
 * elements: Condition operators" pages: explicit Deny wins, an Allow in an identity or resource
 * policy is enough within an account, both are needed across accounts, and each operator's rules
 * for missing keys, IfExists and the set qualifiers.
 */
import { describe, expect, it } from 'vitest';
import { conditionsHold } from '../../src/emulator/policy/conditions.ts';
import { evaluate } from '../../src/emulator/policy/evaluate.ts';
import { actionMatches, resourceMatches, substitute } from '../../src/emulator/policy/matching.ts';
import { inCidr } from '../../src/emulator/policy/operators.ts';
import { policyDecision } from '../../src/emulator/policy/resource-policy.ts';

const SESSION = 'arn:aws:sts::111122223333:assumed-role/orders-role/store-order';
const ROLE = 'arn:aws:iam::111122223333:role/orders-role';
const TABLE = 'arn:aws:dynamodb:us-east-1:111122223333:table/orders';
const keys = (values: Record<string, string | string[]>) => (key: string) => values[key];
const request = (action = 'dynamodb:PutItem', resource = TABLE, values: Record<string, string | string[]> = {}) => ({ principal: SESSION, action, resource, keys: keys({ 'aws:principalarn': ROLE, ...values }) });
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

describe('the decision', () => {
  it('is an implicit deny when nothing allows', () => {
    expect(evaluate({ request: request(), identityPolicies: [] }).decision).toBe('ImplicitDeny');
  });

  it('allows from an identity policy, and an explicit Deny anywhere overrides any Allow', () => {
    const allow = policy({ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' });
    expect(evaluate({ request: request(), identityPolicies: [allow] })).toMatchObject({ decision: 'Allow', by: 'identity' });
    const deny = policy({ Sid: 'NoWrites', Effect: 'Deny', Action: 'dynamodb:PutItem', Resource: TABLE });
    expect(evaluate({ request: request(), identityPolicies: [allow, deny] })).toEqual({ decision: 'ExplicitDeny', by: 'identity', sid: 'NoWrites' });
    const resourceDeny = policy({ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' });
    expect(evaluate({ request: request(), identityPolicies: [allow], resourcePolicy: resourceDeny })).toMatchObject({ decision: 'ExplicitDeny', by: 'resource' });
  });

  it('within an account, a resource policy naming the role (or its session) allows on its own', () => {
    for (const principal of [ROLE, SESSION, 'arn:aws:iam::111122223333:role/service-role/orders-role']) {
      const resourcePolicy = policy({ Effect: 'Allow', Principal: { AWS: principal }, Action: 'dynamodb:PutItem', Resource: TABLE });
      expect(evaluate({ request: request(), resourcePolicy }).decision).toBe('Allow');
    }
  });

  it('a resource policy naming only the account delegates to the identity policies, which must allow', () => {
    const resourcePolicy = policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'dynamodb:PutItem', Resource: TABLE });
    expect(evaluate({ request: request(), resourcePolicy }).decision).toBe('ImplicitDeny');
    expect(evaluate({ request: request(), resourcePolicy, root: true }).decision).toBe('Allow');
  });

  it('across accounts, both the identity policy and the resource policy must allow', () => {
    const other = 'arn:aws:dynamodb:us-east-1:444455556666:table/orders';
    const identity = policy({ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: other });
    const resourcePolicy = policy({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'dynamodb:PutItem', Resource: other });
    expect(evaluate({ request: request('dynamodb:PutItem', other), identityPolicies: [identity], crossAccount: true }).decision).toBe('ImplicitDeny');
    expect(evaluate({ request: request('dynamodb:PutItem', other), resourcePolicy, crossAccount: true }).decision).toBe('ImplicitDeny');
    expect(evaluate({ request: request('dynamodb:PutItem', other), identityPolicies: [identity], resourcePolicy, crossAccount: true }).decision).toBe('Allow');
  });

  it('the account root needs no identity policy, but an explicit Deny still binds it', () => {
    expect(evaluate({ request: request(), root: true }).decision).toBe('Allow');
    expect(evaluate({ request: request(), root: true, resourcePolicy: policy({ Effect: 'Deny', Principal: '*', Action: 'dynamodb:*', Resource: '*' }) }).decision).toBe('ExplicitDeny');
  });
});

describe('Action, NotAction, Resource, NotResource', () => {
  it('actions match without regard to case, with * and ? wildcards', () => {
    expect(actionMatches('DynamoDB:put*', 'dynamodb:PutItem')).toBe(true);
    expect(actionMatches('s3:Get?bject', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:Get*', 's3:PutObject')).toBe(false);
  });

  it('NotAction allows everything but what it lists; NotResource everything but its resources', () => {
    const notAction = policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' });
    expect(evaluate({ request: request(), identityPolicies: [notAction] }).decision).toBe('Allow');
    expect(evaluate({ request: request('iam:CreateRole', '*'), identityPolicies: [notAction] }).decision).toBe('ImplicitDeny');
    const notResource = policy({ Effect: 'Allow', Action: 'dynamodb:*', NotResource: 'arn:aws:dynamodb:*:*:table/payments' });
    expect(evaluate({ request: request(), identityPolicies: [notResource] }).decision).toBe('Allow');
    expect(evaluate({ request: request('dynamodb:PutItem', 'arn:aws:dynamodb:us-east-1:111122223333:table/payments'), identityPolicies: [notResource] }).decision).toBe('ImplicitDeny');
  });

  it('resource ARNs match segment by segment, case-sensitively; a wildcard in the resource part spans slashes and colons', () => {
    expect(resourceMatches('arn:aws:dynamodb:*:*:table/orders', TABLE)).toBe(true);
    expect(resourceMatches('arn:aws:dynamodb:*:*:table/Orders', TABLE)).toBe(false);
    expect(resourceMatches('arn:aws:dynamodb:*:*:table/orders', `${TABLE}/index/byCustomer`)).toBe(false);
    expect(resourceMatches('arn:aws:dynamodb:*:*:table/orders/*', `${TABLE}/index/byCustomer`)).toBe(true);
    expect(resourceMatches('arn:aws:lambda:*:*:function:shop-*', 'arn:aws:lambda:us-east-1:111122223333:function:shop-api:live')).toBe(true);
    expect(resourceMatches('arn:aws:s3:::receipts/*', 'arn:aws:s3:::receipts/2025/05/r-1.json')).toBe(true);
    expect(resourceMatches('arn:aws:dynamodb:us-*:111122223333:table/orders', 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders')).toBe(false);
  });

  it('fills in policy variables, with defaults, and an unknown variable matches nothing', () => {
    const lookup = keys({ 'aws:principalaccount': '111122223333' });
    expect(substitute('arn:aws:dynamodb:*:${aws:PrincipalAccount}:table/*', lookup)).toBe('arn:aws:dynamodb:*:111122223333:table/*');
    expect(substitute('home/${aws:username}/*', lookup)).toBeUndefined();
    expect(substitute("home/${aws:username, 'nobody'}/*", lookup)).toBe('home/nobody/*');
    expect(substitute('literal-${*}-${?}-${$}', lookup)).toBe('literal-*-?-$');
    const own = policy({ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: 'arn:aws:dynamodb:*:${aws:PrincipalAccount}:table/*' });
    expect(evaluate({ request: request('dynamodb:PutItem', TABLE, { 'aws:principalaccount': '111122223333' }), identityPolicies: [own] }).decision).toBe('Allow');
    expect(evaluate({ request: request('dynamodb:PutItem', TABLE, { 'aws:principalaccount': '999999999999' }), identityPolicies: [own] }).decision).toBe('ImplicitDeny');
  });
});

describe('condition operators', () => {
  const holds = (condition: object, values: Record<string, string | string[]>) => conditionsHold(condition, keys(values));

  it('String operators: values of one key are ORed, keys and operators ANDed; a missing key fails all but the negated ones', () => {
    expect(holds({ StringEquals: { 'aws:sourceaccount': ['1', '2'] } }, { 'aws:sourceaccount': '2' })).toBe(true);
    expect(holds({ StringEquals: { 'aws:sourceaccount': '1', 'aws:sourcearn': 'x' } }, { 'aws:sourceaccount': '1' })).toBe(false);
    expect(holds({ StringNotEquals: { 'aws:sourceaccount': '1' } }, {})).toBe(true);
    expect(holds({ StringLike: { 'aws:sourcearn': 'arn:aws:events:*:*:rule/shop-*' } }, { 'aws:sourcearn': 'arn:aws:events:us-east-1:1:rule/shop-orders' })).toBe(true);
    expect(holds({ StringEqualsIgnoreCase: { 'aws:principaltype': 'assumedrole' } }, { 'aws:principaltype': 'AssumedRole' })).toBe(true);
    expect(holds({ StringNotLike: { 'aws:sourcearn': 'arn:*:rule/shop-*' } }, { 'aws:sourcearn': 'arn:aws:events:us-east-1:1:rule/shop-orders' })).toBe(false);
  });

  it('...IfExists holds when the key is missing, and compares it when present', () => {
    expect(holds({ StringEqualsIfExists: { 'aws:sourceaccount': '1' } }, {})).toBe(true);
    expect(holds({ StringEqualsIfExists: { 'aws:sourceaccount': '1' } }, { 'aws:sourceaccount': '2' })).toBe(false);
    expect(holds({ StringEquals: { 'aws:sourceaccount': '1' } }, {})).toBe(false);
  });

  it('Arn, Bool, Numeric, Date, IpAddress and Null', () => {
    expect(holds({ ArnLike: { 'aws:sourcearn': 'arn:aws:sns:*:111122223333:orders' } }, { 'aws:sourcearn': 'arn:aws:sns:us-east-1:111122223333:orders' })).toBe(true);
    expect(holds({ ArnNotEquals: { 'aws:principalarn': ROLE } }, { 'aws:principalarn': ROLE })).toBe(false);
    expect(holds({ Bool: { 'aws:securetransport': 'false' } }, { 'aws:securetransport': 'true' })).toBe(false);
    expect(holds({ Bool: { 'aws:securetransport': 'true' } }, { 'aws:securetransport': 'true' })).toBe(true);
    expect(holds({ NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' })).toBe(true);
    expect(holds({ NumericGreaterThan: { 's3:max-keys': '10' } }, { 's3:max-keys': 'ten' })).toBe(false);
    expect(holds({ NumericNotEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '11' })).toBe(true);
    expect(holds({ DateLessThan: { 'aws:currenttime': '2026-01-01T00:00:00Z' } }, { 'aws:currenttime': '2025-06-01T12:00:00Z' })).toBe(true);
    expect(holds({ IpAddress: { 'aws:sourceip': ['203.0.113.0/24', '2001:db8::/32'] } }, { 'aws:sourceip': '203.0.113.9' })).toBe(true);
    expect(holds({ NotIpAddress: { 'aws:sourceip': '203.0.113.0/24' } }, { 'aws:sourceip': '198.51.100.1' })).toBe(true);
    expect(inCidr('2001:db8::1', '2001:db8::/32')).toBe(true);
    expect(inCidr('2001:db9::1', '2001:db8::/32')).toBe(false);
    expect(holds({ Null: { 'aws:sourcearn': 'true' } }, {})).toBe(true);
    expect(holds({ Null: { 'aws:sourcearn': 'false' } }, {})).toBe(false);
  });

  it('an operator IAM does not have never holds', () => {
    expect(holds({ StringSortOf: { 'aws:sourceaccount': '1' } }, { 'aws:sourceaccount': '1' })).toBe(false);
  });

  it('ForAllValues holds when every request value is allowed (and for none); ForAnyValue when one is', () => {
    const condition = { 'ForAllValues:StringEquals': { 'dynamodb:leadingkeys': ['${aws:userid}'] } };
    expect(holds(condition, { 'aws:userid': 'AROA1:alice', 'dynamodb:leadingkeys': ['AROA1:alice'] })).toBe(true);
    expect(holds(condition, { 'aws:userid': 'AROA1:alice', 'dynamodb:leadingkeys': ['AROA1:alice', 'AROA1:bob'] })).toBe(false);
    expect(holds(condition, { 'aws:userid': 'AROA1:alice' })).toBe(true);
    expect(holds({ 'ForAnyValue:StringLike': { 'dynamodb:leadingkeys': 'cus-*' } }, { 'dynamodb:leadingkeys': ['x', 'cus-1'] })).toBe(true);
    expect(holds({ 'ForAnyValue:StringLike': { 'dynamodb:leadingkeys': 'cus-*' } }, {})).toBe(false);
    expect(holds({ 'ForAllValues:StringNotEquals': { 'dynamodb:leadingkeys': 'admin' } }, { 'dynamodb:leadingkeys': ['a', 'b'] })).toBe(true);
  });
});

describe('resource policies evaluated by the services (shared evaluator)', () => {
  const lambdaPolicy = policy({ Sid: 'rule', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:111122223333:function:store', Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:events:us-east-1:111122223333:rule/shop/*' } } });

  it('a service principal allowed for one rule, not for another', () => {
    const base = { principal: 'events.amazonaws.com', resource: 'arn:aws:lambda:us-east-1:111122223333:function:store' };
    expect(policyDecision(lambdaPolicy, { ...base, sourceArn: 'arn:aws:events:us-east-1:111122223333:rule/shop/order-created' })).toBe('Allow');
    expect(policyDecision(lambdaPolicy, { ...base, sourceArn: 'arn:aws:events:us-east-1:111122223333:rule/other/x' })).toBeUndefined();
    expect(policyDecision(lambdaPolicy, { ...base, principal: 'sns.amazonaws.com', sourceArn: 'arn:aws:events:us-east-1:111122223333:rule/shop/x' })).toBeUndefined();
  });

  it('NotPrincipal with Deny refuses everyone but the one named', () => {
    const guarded = policy({ Effect: 'Deny', NotPrincipal: { AWS: ROLE }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::receipts/*' });
    expect(policyDecision(guarded, { principal: '444455556666', action: 's3:GetObject', resource: 'arn:aws:s3:::receipts/r-1' })).toBe('Deny');
    expect(policyDecision(guarded, { principal: SESSION, action: 's3:GetObject', resource: 'arn:aws:s3:::receipts/r-1' })).toBeUndefined();
  });
});
