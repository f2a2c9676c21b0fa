/** An execution role policy that allows exactly what the order function does, on exactly what it uses. */
import { PutRolePolicyCommand, type IAMClient } from '@aws-sdk/client-iam';

/** Where the order function runs and what it touches. */
export interface OrderFunctionScope {
  region: string;
  accountId: string;
  functionName: string;
  tableName: string;
  busName: string;
}

/** The policy document: named actions on named resources, no wildcards in actions. */
export function orderFunctionPolicy(s: OrderFunctionScope) {
  const table = `arn:aws:dynamodb:${s.region}:${s.accountId}:table/${s.tableName}`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `arn:aws:logs:${s.region}:${s.accountId}:log-group:/aws/lambda/${s.functionName}:*`,
      },
      {
        Sid: 'ReadWriteOrders',
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
        Resource: [table, `${table}/index/byCustomer`],
      },
      {
        Sid: 'PublishOrderEvents',
        Effect: 'Allow',
        Action: 'events:PutEvents',
        Resource: `arn:aws:events:${s.region}:${s.accountId}:event-bus/${s.busName}`,
      },
    ],
  };
}

/** Attaches the policy to the function's role as an inline policy. */
export async function grantOrderFunction(
  iam: IAMClient,
  roleName: string,
  scope: OrderFunctionScope,
): Promise<void> {
  await iam.send(new PutRolePolicyCommand({
    RoleName: roleName,
    PolicyName: 'order-function',
    PolicyDocument: JSON.stringify(orderFunctionPolicy(scope)),
  }));
}
