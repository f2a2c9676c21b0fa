/**
 * `/_workshop/time-factor?account=`: one account's clock for AWS's waits (Lambda's asynchronous
 * retries and maximum event age, EventBridge's retry back-off). A grader sets it for its run's own
 * account, so a minute of back-off passes in a fraction of a second there while other accounts (a
 * learner's `npm start`, other submissions) keep theirs. `GET` reads it, `PUT ...&factor=0.01` sets
 * it, `DELETE` gives the account the emulator's factor again.
 */
import type { Emulator } from './emulator.ts';
import { changeRefusal, jsonAnswer, refusedChange } from './change-guard.ts';
import { DEFAULT_ACCOUNT_ID } from './identity.ts';
import type { EmulatorRequest, EmulatorResponse } from './types.ts';

const ACCOUNT = /^\d{12}$/;

/** The route's answer: the account and the factor its waits now use. */
function current(emulator: Emulator, account: string): EmulatorResponse {
  return jsonAnswer(200, { account, factor: emulator.scaled(1, account) });
}

/** Handles `/_workshop/time-factor`. */
export function timeFactorRoute(emulator: Emulator): (request: EmulatorRequest) => Promise<EmulatorResponse | undefined> {
  return async (request) => {
    if (request.path !== '/_workshop/time-factor') return undefined;
    if (!['GET', 'PUT', 'DELETE'].includes(request.method)) return jsonAnswer(405, { error: 'MethodNotAllowed', message: 'use GET to read, PUT to set or DELETE to clear an account\'s time factor' });
    // Where signatures are verified, only a caller holding the account's secret gets this far, and it
    // changes the waits of its own account alone; elsewhere no web page may change them.
    if (request.method !== 'GET' && !emulator.verifiesSignatures) {
      const refused = changeRefusal(request, emulator);
      if (refused) return refusedChange(refused);
    }
    const caller = await emulator.workshopAccount(request);
    if ('refused' in caller) return refusedChange(caller.refused);
    const account = caller.account ?? DEFAULT_ACCOUNT_ID;
    if (!ACCOUNT.test(account)) return jsonAnswer(400, { error: 'InvalidParameter', message: `account must be 12 digits, like ${DEFAULT_ACCOUNT_ID}` });
    if (request.method === 'DELETE') emulator.setAccountTimeFactor(account, undefined);
    if (request.method === 'PUT') {
      const factor = Number(request.query.get('factor'));
      if (!(factor > 0 && factor <= 1)) return jsonAnswer(400, { error: 'InvalidParameter', message: 'factor must be a number above 0 and at most 1, like 0.01 (a minute then lasts 0.6 seconds)' });
      emulator.setAccountTimeFactor(account, factor);
    }
    return current(emulator, account);
  };
}
