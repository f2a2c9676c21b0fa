/**
 * Speeds up AWS's waits (Lambda's asynchronous retries and maximum event age, EventBridge's retry
 * back-off) for the run's own account on the kit's emulator, so a lab about retries is graded in
 * seconds; other accounts on the same emulator keep their clock. LocalStack and AWS take the time
 * AWS takes.
 */
import { signedRouteHeaders } from '../../emulator/signature.ts';
import { DEFAULT_ACCOUNT_ID } from '../target.ts';
import type { GraderContext } from './context.ts';

/**
 * Makes the run's account wait `factor` times AWS's waits until the run's cleanup; resolves with
 * the factor in effect (1 on targets other than the emulator, or an emulator without the route).
 */
export async function speedUpAwsWaits(lab: GraderContext, factor: number): Promise<number> {
  const { target, accountId } = lab.settings;
  if (target.name !== 'emulator' || !target.endpoint) return 1;
  const url = new URL('/_workshop/time-factor', target.endpoint);
  url.searchParams.set('account', accountId ?? DEFAULT_ACCOUNT_ID);
  const send = async (method: 'PUT' | 'DELETE', query: URL) => {
    // Signed, so an emulator that verifies signatures (cohort grading) changes this account's clock alone.
    const headers = target.credentials ? await signedRouteHeaders(query, method, target.credentials, target.region) : {};
    return fetch(query, { method, headers });
  };
  const set = new URL(url);
  set.searchParams.set('factor', String(factor));
  const answer = await send('PUT', set);
  if (!answer.ok) return 1;
  lab.onCleanup(() => send('DELETE', url));
  return ((await answer.json()) as { factor: number }).factor;
}
