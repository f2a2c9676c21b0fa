/**
 * The lab worker: the page's emulator, the graders and the SDK clients they use, in one Worker.
 * The lab panel (site/src/components/lab-here/runner.ts) sends it a lab's files; it grades them
 * as `workshop check` does and answers with the result and the trace of what the check did
 * (lab-protocol.ts has the messages).
 */
import { sendThroughPage } from '../core/sdk-config.ts';
import { findLab } from '../core/labs.ts';
import { graderEnvironment } from '../core/run-env.ts';
import { resolveTarget } from '../core/target.ts';
import { useLanguage } from '../core/i18n/language.ts';
import type { RunnerAnswer, RunnerRequest } from './lab-protocol.ts';
import { createPageEmulator, pageRequestHandler, PAGE_ENDPOINT, type PageEmulator } from './emulator/index.ts';
import { gradeLab } from './grader/grade-collected.ts';
import { labWorkerMessage } from './lab-messages.ts';
import { writeLabDefinitions, writeLearnerLab } from './grader/kit-files.ts';
import { routeFetchToEmulator } from './grader/page-fetch.ts';
import { serveLearners } from './learner/page-sandbox.ts';
import { LAB_DEFINITIONS, LAB_PROVIDED_FILES } from 'virtual:lab-definitions';

declare const self: { postMessage(message: RunnerAnswer): void; onmessage: ((event: { data: RunnerRequest }) => void) | null };

let started: Promise<PageEmulator> | undefined;
let runs = 0;

function emulator(): Promise<PageEmulator> {
  started ??= (async () => {
    writeLabDefinitions(LAB_DEFINITIONS);
    const page = await createPageEmulator({ lambdaWorkerUrl: new URL('./lambda-environment.js', import.meta.url) });
    sendThroughPage(pageRequestHandler(page.handle));
    routeFetchToEmulator(PAGE_ENDPOINT, page.handle);
    serveLearners({ handle: page.handle, workerUrl: new URL('./learner-worker.js', import.meta.url) });
    return page;
  })();
  return started;
}

async function traceOf(page: PageEmulator, account: string): Promise<unknown[]> {
  const answer = await page.handle({ method: 'GET', path: '/_workshop/trace', query: new URLSearchParams({ account }), headers: { host: new URL(PAGE_ENDPOINT).host }, body: Buffer.alloc(0) });
  return answer.status === 200 ? ((JSON.parse(answer.body.toString()) as { entries: unknown[] }).entries ?? []) : [];
}

async function check(request: Extract<RunnerRequest, { kind: 'check' }>): Promise<RunnerAnswer> {
  useLanguage(request.lang);
  self.postMessage({ kind: 'progress', text: labWorkerMessage('starting').texts[request.lang] });
  const page = await emulator();
  const lab = findLab(request.labId);
  const labDir = writeLearnerLab(lab.id, { ...LAB_PROVIDED_FILES[lab.id], ...request.files });
  const seed = request.seed ?? Math.floor(Math.random() * 2 ** 31);
  // The kit's emulator, though on LocalStack's port: graders then speed up AWS's waits (lab 07's retries) as on a machine.
  const target = resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: PAGE_ENDPOINT } });
  const variables = graderEnvironment({ [lab.id]: labDir }, seed, target);
  Object.assign(process.env, variables);
  self.postMessage({ kind: 'progress', text: labWorkerMessage('grading', { number: lab.number }).texts[request.lang] });
  // A fresh module URL each run: the grader's checks register again, as in a new Vitest run.
  const grader = new URL(`./graders/${lab.id}.js?run=${++runs}`, import.meta.url).href;
  const result = await gradeLab(lab, () => import(/* @vite-ignore */ grader), seed);
  await page.flush();
  return { id: request.id, kind: 'result', result, trace: await traceOf(page, variables.WORKSHOP_ACCOUNT!) };
}

async function answer(request: RunnerRequest): Promise<RunnerAnswer> {
  if (request.kind === 'reset') {
    await (await emulator()).reset();
    return { id: request.id, kind: 'reset' };
  }
  return check(request);
}

// The panel starts the worker when it opens: by the first Check, the emulator is ready.
emulator().catch(() => {});

self.onmessage = ({ data }) => {
  answer(data).then(
    (reply) => self.postMessage(reply),
    (error: unknown) => self.postMessage({ id: data.id, kind: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
};
