/** The messages between a lab page's panel and the lab worker (lab-worker.ts): types only, so the panel loads none of the worker. */
import type { LabResult } from '../core/check-results.ts';
import type { Language } from '../core/i18n/language.ts';

/** What the panel asks. */
export type RunnerRequest =
  | { id: number; kind: 'check'; labId: string; files: Record<string, string>; lang: Language; seed?: number }
  | { id: number; kind: 'reset' };

/** A request without its id (the sender numbers them). */
export type RunnerAsk = RunnerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** What the worker answers (one per request), and the progress lines it sends while it works. */
export type RunnerAnswer =
  | { id: number; kind: 'result'; result: LabResult; trace: unknown[] }
  | { id: number; kind: 'reset' }
  | { id: number; kind: 'error'; message: string }
  | { kind: 'progress'; text: string };
