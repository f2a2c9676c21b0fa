/**
 * The doctor's end-to-end check: deploys a tiny function to the running emulator (or to a
 * temporary one) and invokes it, so a broken execution path (the runtime, the sandbox, the state
 * folder) is diagnosed in one command instead of as every lab check failing.
 */
import { DeleteRoleCommand } from '@aws-sdk/client-iam';
import { DeleteFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { zipSync } from 'fflate';
import { createClients } from './clients.ts';
import { deployFunction, ensureExecutionRole } from './deploy.ts';
import type { Finding } from './doctor.ts';
import { doctorText as say } from './doctor-messages.ts';
import type { ProbeResult } from './probe.ts';
import type { Target } from './target.ts';

/** The account the doctor deploys in, apart from the learner's resources in the default account. */
export const DOCTOR_ACCOUNT_ID = '000000000042';

const ROLE = 'workshop-doctor';
const HANDLER = 'export const handler = async (event) => ({ echo: event.ping, node: process.version });\n';

/** Deploys and invokes a function on `endpoint` (starting a temporary emulator when `found` is free). */
export async function checkInvoke(endpoint: string, found: ProbeResult): Promise<Finding> {
  const subject = 'Lambda';
  if (found.kind === 'localstack' || found.kind === 'other') {
    return { status: 'warn', subject, detail: say('notTried', { endpoint }), fix: say('freePort') };
  }
  let stop = async () => {};
  let url = endpoint;
  if (found.kind === 'free') {
    try {
      const { startEmulator } = await import('../emulator/server.ts');
      const running = await startEmulator({ port: 0, log: () => {} });
      url = running.url;
      stop = () => running.stop();
    } catch (error) {
      return { status: 'fail', subject, detail: say('temporaryFailed', { reason: (error as Error).message }), fix: say('runEmulatorToSee') };
    }
  }
  const where = found.kind === 'free' ? say('temporaryEmulator') : say('emulatorAt', { url });
  const target: Target = { name: 'emulator', source: 'default', region: 'us-east-1', endpoint: url, credentials: { accessKeyId: DOCTOR_ACCOUNT_ID, secretAccessKey: 'test' } };
  const clients = createClients(target);
  const name = `workshop-doctor-${process.pid}`;
  const started = Date.now();
  try {
    const role = await ensureExecutionRole(clients.iam, ROLE);
    await deployFunction(clients.lambda, { name, role, zip: zipSync({ 'index.mjs': new TextEncoder().encode(HANDLER) }) });
    const ping = `ping-${started}`;
    const answer = await clients.lambda.send(new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode(JSON.stringify({ ping })) }));
    const text = new TextDecoder().decode(answer.Payload ?? new Uint8Array());
    if (answer.FunctionError || !text.includes(ping)) {
      return {
        status: 'fail',
        subject,
        detail: say('didNotRun', { where, error: answer.FunctionError ?? say('wrongAnswer'), answer: text.slice(0, 300) }),
        fix: say('runEmulatorForLog'),
      };
    }
    return { status: 'ok', subject, detail: say('invoked', { where, ms: Date.now() - started }) };
  } catch (error) {
    return {
      status: 'fail',
      subject,
      detail: say('deployFailed', { where, name: (error as Error).name, message: (error as Error).message }),
      fix: say('runEmulatorForLog'),
    };
  } finally {
    await clients.lambda.send(new DeleteFunctionCommand({ FunctionName: name })).catch(() => {});
    await clients.iam.send(new DeleteRoleCommand({ RoleName: ROLE })).catch(() => {});
    clients.destroy();
    await stop();
  }
}
