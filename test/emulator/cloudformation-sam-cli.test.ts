/** A SAM template with its code in a local folder, through the AWS CLI: refused by `deploy` until `aws cloudformation package` uploads it to the emulator's S3. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';
import { cfnClientOf, describe as describeStack } from './cloudformation-support.ts';

const run = promisify(execFile);
const { hasAws } = await realClients('cloudformation-sam-cli');

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: nodejs22.x
      Events:
        Greet: { Type: HttpApi, Properties: { Path: '/hello/{name}', Method: get } }
Outputs:
  Endpoint: { Value: !GetAtt ServerlessHttpApi.ApiEndpoint }
`;

describe.skipIf(!hasAws)('SAM templates through the AWS CLI', () => {
  const emulator = useEmulator();
  const cfn = cfnClientOf(emulator);
  const folder = mkdtempSync(join(tmpdir(), 'sam-cli-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  // AWS_ENDPOINT_URL reaches every client the CLI makes, the S3 client of `package` included (it takes no --endpoint-url of its own).
  async function aws(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run('aws', ['cloudformation', ...args], { timeout: 120_000, cwd: folder, env: clientEnv({ AWS_ENDPOINT_URL: emulator.running.url }) });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  }

  it('refuses the local CodeUri, then packages the code to S3 and deploys; the function answers through its HTTP API', async () => {
    mkdirSync(join(folder, 'src'), { recursive: true });
    writeFileSync(join(folder, 'src', 'app.js'), "exports.handler = async (event) => ({ statusCode: 200, body: 'hello ' + event.pathParameters.name });\n");
    writeFileSync(join(folder, 'template.yaml'), TEMPLATE);

    const refused = await aws('deploy', '--stack-name', 'sam-cli', '--template-file', 'template.yaml', '--capabilities', 'CAPABILITY_IAM');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("Resource with id [Hello] is invalid. 'CodeUri' is the local path 'src/'");
    expect(refused.stderr).toContain('aws cloudformation package');

    await emulator.clients.s3.send(new CreateBucketCommand({ Bucket: 'sam-artifacts' }));
    const packaged = await aws('package', '--template-file', 'template.yaml', '--s3-bucket', 'sam-artifacts', '--output-template-file', 'packaged.yaml');
    expect(packaged.code, packaged.stderr).toBe(0);
    expect(readFileSync(join(folder, 'packaged.yaml'), 'utf8')).toMatch(/CodeUri: s3:\/\/sam-artifacts\/[0-9a-f]{32}/);

    const deployed = await aws('deploy', '--stack-name', 'sam-cli', '--template-file', 'packaged.yaml', '--capabilities', 'CAPABILITY_IAM');
    expect(deployed.code, deployed.stderr).toBe(0);
    expect(deployed.stdout).toContain('Successfully created/updated stack - sam-cli');
    const stack = await describeStack(cfn(), 'sam-cli');
    const endpoint = stack.Outputs!.find((item) => item.OutputKey === 'Endpoint')!.OutputValue!;
    const answer = await fetch(`${endpoint}/hello/shop`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('hello shop');

    const processed = await aws('get-template', '--stack-name', 'sam-cli', '--template-stage', 'Processed', '--output', 'json');
    expect(JSON.parse(processed.stdout).TemplateBody.Resources.Hello.Properties.Code.S3Bucket).toBe('sam-artifacts');
    const original = await aws('get-template', '--stack-name', 'sam-cli', '--template-stage', 'Original', '--output', 'json');
    expect(JSON.parse(original.stdout).TemplateBody).toContain('Transform: AWS::Serverless-2016-10-31');
  }, 180_000);
});
