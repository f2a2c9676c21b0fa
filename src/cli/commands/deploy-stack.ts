/**
 * `workshop deploy NN` for a lab whose answer is a template (lab 11): packages each function into
 * the target's S3, deploys the stack through a change set as `aws cloudformation deploy` does,
 * and prints the stack's outputs and a curl command that places an order through its API.
 */
import { CloudFormationClient, type Capability } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createClients, sdkConfig } from '../../core/clients.ts';
import { curlCommand } from '../../core/example-request.ts';
import type { Lab } from '../../core/labs.ts';
import { deployStack, labPackageBucket, labStackName } from '../../core/stack-deploy.ts';
import { joined } from '../../core/i18n/texts.ts';
import { stackText } from '../../core/stack-messages.ts';
import { packageTemplate } from '../../core/stack-package.ts';
import type { Target } from '../../core/target.ts';

/** What deploying a template needs: CAPABILITY_IAM for the functions' roles, AUTO_EXPAND for the SAM transform. */
const CAPABILITIES: Capability[] = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'];

/** An order the shop's API takes, new on each deploy (an order id is placed once). */
function exampleOrder(): Record<string, unknown> {
  return { orderId: `ord-${Date.now().toString(36)}`, customerId: 'cust-42', items: [{ sku: 'sku-tea', quantity: 2, unitPriceCents: 450 }] };
}

/** Packages and deploys the lab's template in `labDir`; prints progress, the outputs and how to try the API. */
export async function deployLabStack(lab: Lab, target: Target, labDir: string): Promise<void> {
  const clients = createClients(target);
  const cfn = new CloudFormationClient(sdkConfig(target));
  try {
    const account = (await clients.sts.send(new GetCallerIdentityCommand({}))).Account ?? '000000000000';
    const bucket = labPackageBucket(lab.id, account);
    const stackName = labStackName(lab.id);
    const write = (text: string) => process.stdout.write(text);
    write(stackText('packaging', { bucket }));
    const { body, functions } = await packageTemplate(labDir, clients.s3, bucket);
    console.log(stackText('packaged', { functions: joined(functions) }));
    const { outputs } = await deployStack(cfn, { stackName, body, capabilities: CAPABILITIES, progress: write });
    console.log(stackText('outputs', { stack: stackName }));
    for (const [key, value] of Object.entries(outputs)) console.log(stackText('output', { key, value }));
    if (outputs.ApiUrl) console.log(stackText('tryIt', { command: curlCommand(outputs.ApiUrl, { method: 'POST', path: '/orders', headers: {}, body: exampleOrder() }) }));
  } finally {
    cfn.destroy();
    clients.destroy();
  }
}
