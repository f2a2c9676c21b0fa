/**
 * Lab 08's planned crashes: through the emulator's `/_workshop/faults` route, the next invocation
 * of a function dies right after its first successful call of an operation, as when Lambda's
 * sandbox ends mid-invocation. Only the kit's emulator can do this; elsewhere the crash cases run
 * without a crash (and the grader says so in its messages' place: the checks still hold).
 */
import { signedRouteHeaders } from '../../src/emulator/signature.ts';
import { DEFAULT_ACCOUNT_ID } from '../../src/core/target.ts';
import type { GraderContext } from '../../src/core/grader/index.ts';

/** Sends one request to the route for the run's own account; undefined when the target has no such route. */
async function send(lab: GraderContext, method: 'GET' | 'PUT' | 'DELETE', query: Record<string, string> = {}): Promise<{ faults: Array<{ crashed: number }> } | undefined> {
  const { target, accountId } = lab.settings;
  if (target.name !== 'emulator' || !target.endpoint) return undefined;
  const url = new URL('/_workshop/faults', target.endpoint);
  url.searchParams.set('account', accountId ?? DEFAULT_ACCOUNT_ID);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  // Signed, so an emulator that verifies signatures (cohort grading) arms faults in this account alone.
  const headers = target.credentials ? await signedRouteHeaders(url, method, target.credentials, target.region) : {};
  const answer = await fetch(url, { method, headers });
  return answer.ok ? ((await answer.json()) as { faults: Array<{ crashed: number }> }) : undefined;
}

/** Arms `times` crashes of `functionName`, each right after an invocation's first successful `operation`; false when the target cannot crash functions. */
export async function crashAfter(lab: GraderContext, functionName: string, operation: string, times = 1): Promise<boolean> {
  const armed = await send(lab, 'PUT', { function: functionName, operation, after: '1', times: String(times) });
  if (!armed) return false;
  lab.onCleanup(() => send(lab, 'DELETE'));
  return true;
}

/** How many armed crashes happened so far in the run's account. */
export async function crashes(lab: GraderContext): Promise<number> {
  const listed = await send(lab, 'GET');
  return (listed?.faults ?? []).reduce((sum, fault) => sum + fault.crashed, 0);
}

/** Removes every fault still armed, so a crash that did not happen cannot hit a later invocation. */
export async function disarm(lab: GraderContext): Promise<void> {
  await send(lab, 'DELETE');
}
