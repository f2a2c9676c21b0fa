/** What bucket policies need of the shared evaluator: a three-way decision, request keys in conditions, and the Bool operator. */
import { describe, expect, it } from 'vitest';
import { ANONYMOUS, policyAllows, policyDecision } from '../../src/emulator/policy/resource-policy.ts';

const document = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const read = { principal: '111111111111', action: 's3:GetObject', resource: 'arn:aws:s3:::shop/index.html' };

describe('policyDecision', () => {
  it('tells an explicit Deny from no statement applying', () => {
    const allow = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shop/*' };
    const deny = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::shop/index.html' };
    expect(policyDecision(document(allow), read)).toBe('Allow');
    expect(policyDecision(document(allow, deny), read)).toBe('Deny');
    expect(policyDecision(document(allow), { ...read, resource: 'arn:aws:s3:::other/index.html' })).toBeUndefined();
    expect(policyDecision('not json', read)).toBeUndefined();
    expect(policyAllows(document(allow, deny), read)).toBe(false);
  });

  it('matches an anonymous caller only by "*", never by an account', () => {
    const byAccount = { Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 's3:GetObject', Resource: '*' };
    expect(policyDecision(document(byAccount), read)).toBe('Allow');
    expect(policyDecision(document(byAccount), { ...read, principal: ANONYMOUS })).toBeUndefined();
    expect(policyDecision(document({ ...byAccount, Principal: { AWS: '*' } }), { ...read, principal: ANONYMOUS })).toBe('Allow');
  });

  it('reads condition keys the request gives, with Bool and the string operators', () => {
    const tlsOnly = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
    const allow = { Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' };
    expect(policyDecision(document(allow, tlsOnly), { ...read, keys: { 'aws:securetransport': 'true' } })).toBe('Allow');
    expect(policyDecision(document(allow, tlsOnly), { ...read, keys: { 'aws:securetransport': 'false' } })).toBe('Deny');
    const partner = { Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '222222222222' }, StringLike: { 's3:prefix': 'orders/*' } } };
    const list = { principal: '222222222222', action: 's3:ListBucket', resource: 'arn:aws:s3:::shop' };
    expect(policyDecision(document(partner), { ...list, keys: { 'aws:principalaccount': '222222222222', 's3:prefix': 'orders/2024' } })).toBe('Allow');
    expect(policyDecision(document(partner), { ...list, keys: { 'aws:principalaccount': '222222222222', 's3:prefix': 'carts/' } })).toBeUndefined();
    expect(policyDecision(document(partner), list)).toBeUndefined();
  });
});
