/**
 * Runs exported functions of a learner's module in a child process, under Node's permission
 * model: it may read the lab folder and the kit's libraries, nothing else on disk (no solutions,
 * no graders). SDK clients passed by the grader arrive as markers and are rebuilt here from the
 * run's environment, which carries only the run's own emulator account.
 */
import { pathToFileURL } from 'node:url';
import { createClients, type AwsClients } from '../clients.ts';
import { resolveTarget } from '../target.ts';
import { CLIENT_MARKER, type LearnerAnswer, type LearnerCall } from './learner-protocol.ts';

function revive(value: unknown, clients: AwsClients): unknown {
  if (Array.isArray(value)) return value.map((item) => revive(item, clients));
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const marker = (value as Record<string, unknown>)[CLIENT_MARKER];
    if (typeof marker === 'string') return clients[marker as keyof AwsClients];
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revive(item, clients)]));
  }
  return value;
}

function plain(value: unknown): unknown {
  // Only data crosses back: functions, class instances with methods and clients become plain data or vanish.
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).filter(([, item]) => typeof item !== 'function').map(([key, item]) => [key, plain(item)]));
}

const clients = createClients(resolveTarget({ env: process.env, accountId: process.env.WORKSHOP_ACCOUNT || undefined }));
const modules = new Map<string, Promise<Record<string, unknown>>>();

// The grader's worker may end without a word: its closed channel is the signal to end too.
process.on('disconnect', () => process.exit(0));

// Calls arrive one at a time; the module is imported once and kept, as a real process keeps it.
process.on('message', async (call: LearnerCall) => {
  let answer: LearnerAnswer;
  try {
    let module = modules.get(call.file);
    if (!module) {
      module = import(pathToFileURL(call.file).href) as Promise<Record<string, unknown>>;
      modules.set(call.file, module);
    }
    const fn = (await module)[call.exportName];
    if (typeof fn !== 'function') throw Object.assign(new Error(`${call.exportName} is not exported by ${call.file.split('/').pop()}`), { name: 'NotExported' });
    answer = { id: call.id, ok: true, value: plain(await fn(...(revive(call.args, clients) as unknown[]))) };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    answer = { id: call.id, ok: false, error: { name: failure.name, message: failure.message } };
  }
  process.send!(answer);
});
