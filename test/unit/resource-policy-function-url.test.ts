/** What function URLs need of the shared evaluator: the lambda:FunctionUrlAuthType and lambda:InvokedViaFunctionUrl condition keys. */
import { describe, expect, it } from 'vitest';
import { ANONYMOUS, policyAllows } from '../../src/emulator/policy/resource-policy.ts';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:shop';
const document = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const urlStatement = { Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: ARN, Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } };
const invokeStatement = { Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: ARN, Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } } };

describe('function URL condition keys', () => {
  it('matches lambda:FunctionUrlAuthType to the URL\'s auth type, and never when the request has none', () => {
    const url = { principal: ANONYMOUS, action: 'lambda:InvokeFunctionUrl', resource: ARN };
    expect(policyAllows(document(urlStatement), { ...url, functionUrlAuthType: 'NONE' })).toBe(true);
    expect(policyAllows(document(urlStatement), { ...url, functionUrlAuthType: 'AWS_IAM' })).toBe(false);
    expect(policyAllows(document(urlStatement), url)).toBe(false);
  });

  it('lets lambda:InvokedViaFunctionUrl allow invocations through a URL only, not a direct Invoke', () => {
    const invoke = { principal: ANONYMOUS, action: 'lambda:InvokeFunction', resource: ARN };
    expect(policyAllows(document(invokeStatement), { ...invoke, invokedViaFunctionUrl: true })).toBe(true);
    expect(policyAllows(document(invokeStatement), { ...invoke, invokedViaFunctionUrl: false })).toBe(false);
    expect(policyAllows(document(invokeStatement), invoke)).toBe(false);
  });

  it('reads the keys case-insensitively, as IAM does', () => {
    const lower = { ...urlStatement, Condition: { StringEquals: { 'Lambda:functionUrlAuthType': 'NONE' } } };
    expect(policyAllows(document(lower), { principal: '111111111111', action: 'lambda:InvokeFunctionUrl', resource: ARN, functionUrlAuthType: 'NONE' })).toBe(true);
  });
});
