/** The execution role: the identity a function's code runs as. */
import {
  AttachRolePolicyCommand, CreateRoleCommand, EntityAlreadyExistsException, GetRoleCommand, type IAMClient,
} from '@aws-sdk/client-iam';

/** Who may assume the role: only the Lambda service. */
const TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

/** AWS's managed policy that lets a function write its own logs, and nothing else. */
export const BASIC_EXECUTION_POLICY = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

/** Creates (or finds) a role Lambda can assume, allowed to write logs; returns its ARN. */
export async function ensureExecutionRole(iam: IAMClient, roleName: string): Promise<string> {
  let arn: string;
  try {
    const created = await iam.send(new CreateRoleCommand({
      RoleName: roleName,
      AssumeRolePolicyDocument: JSON.stringify(TRUST_POLICY),
    }));
    arn = created.Role!.Arn!;
  } catch (error) {
    if (!(error instanceof EntityAlreadyExistsException)) throw error;
    arn = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role!.Arn!;
  }
  await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: BASIC_EXECUTION_POLICY }));
  return arn;
}
