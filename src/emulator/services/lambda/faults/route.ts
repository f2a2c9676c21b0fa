/**
 * `/_workshop/faults?account=`: crashes a grader plans for its own account's functions (plan.ts).
 * `PUT ...&function=shop-place-order&operation=TransactWriteItems&after=1&times=1` makes the next
 * invocation of the function end right after its first successful TransactWriteItems (`service=`
 * narrows the operation to one service); `GET` lists the account's faults and how many crashed;
 * `DELETE` removes them. As with the time factor, no web page may arm one, and where signatures
 * are verified a caller arms faults in its own account alone.
 */
import type { Emulator } from '../../../emulator.ts';
import { changeRefusal, jsonAnswer, refusedChange } from '../../../change-guard.ts';
import { DEFAULT_ACCOUNT_ID } from '../../../identity.ts';
import type { EmulatorRequest, EmulatorResponse } from '../../../types.ts';
import { FAULTS_PER_ACCOUNT, type FaultPlan } from './plan.ts';

/** The route's path. */
export const FAULTS_ROUTE = '/_workshop/faults';

const ACCOUNT = /^\d{12}$/;
const FUNCTION_NAME = /^[a-zA-Z0-9-_]{1,64}$/;
const OPERATION = /^[A-Z][A-Za-z0-9]{1,99}$/;
const SERVICE = /^[a-z0-9-]{1,40}$/;

const invalid = (message: string) => jsonAnswer(400, { error: 'InvalidParameter', message });

/** A whole number from the query, `fallback` when absent, NaN when not a whole number in 1..limit. */
function count(request: EmulatorRequest, name: string, fallback: number, limit: number): number {
  const text = request.query.get(name);
  if (text === null) return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return value >= 1 && value <= limit ? value : Number.NaN;
}

/** Arms the fault the query describes, or answers why it cannot. */
function arm(plan: FaultPlan, account: string, request: EmulatorRequest): EmulatorResponse | undefined {
  const name = request.query.get('function') ?? '';
  const operation = request.query.get('operation') ?? '';
  const service = request.query.get('service') ?? undefined;
  if (!FUNCTION_NAME.test(name)) return invalid('function must be a function\'s name (not its ARN), like shop-place-order');
  if (!OPERATION.test(operation)) return invalid('operation must be an AWS operation name, like TransactWriteItems');
  if (service !== undefined && !SERVICE.test(service)) return invalid('service must be a service\'s name, like dynamodb');
  const after = count(request, 'after', 1, 1000);
  const times = count(request, 'times', 1, 1000);
  if (Number.isNaN(after)) return invalid('after must be a whole number from 1 to 1000: the call after which the environment ends');
  if (Number.isNaN(times)) return invalid('times must be a whole number from 1 to 1000: how many invocations crash');
  const armed = plan.arm(account, { function: name, operation, ...(service ? { service } : {}), after, remaining: times });
  return armed ? undefined : invalid(`an account may arm at most ${FAULTS_PER_ACCOUNT} faults: DELETE ${FAULTS_ROUTE} first`);
}

/** Handles `/_workshop/faults`. */
export function faultsRoute(emulator: Emulator, plan: FaultPlan): (request: EmulatorRequest) => Promise<EmulatorResponse | undefined> {
  return async (request) => {
    if (request.path !== FAULTS_ROUTE) return undefined;
    if (!['GET', 'PUT', 'DELETE'].includes(request.method)) return jsonAnswer(405, { error: 'MethodNotAllowed', message: 'use GET to list, PUT to arm or DELETE to remove an account\'s faults' });
    // Where signatures are verified, only a caller holding the account's secret gets this far, and it
    // crashes its own account's functions alone; elsewhere no web page may arm a crash.
    if (request.method !== 'GET' && !emulator.verifiesSignatures) {
      const refused = changeRefusal(request, emulator);
      if (refused) return refusedChange(refused);
    }
    const caller = await emulator.workshopAccount(request);
    if ('refused' in caller) return refusedChange(caller.refused);
    const account = caller.account ?? DEFAULT_ACCOUNT_ID;
    if (!ACCOUNT.test(account)) return invalid(`account must be 12 digits, like ${DEFAULT_ACCOUNT_ID}`);
    if (request.method === 'DELETE') plan.clear(account);
    if (request.method === 'PUT') {
      const refused = arm(plan, account, request);
      if (refused) return refused;
    }
    return jsonAnswer(200, { account, faults: plan.list(account) });
  };
}
