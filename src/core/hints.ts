/**
 * Which hint comes next. Progress keeps the ids of the hints revealed; the hints that matter now
 * are those of the checks still failing, in check order, so a check that passes drops its hints
 * from the count without shifting which hint is next.
 */
import type { Texts } from './i18n/texts.ts';
import type { LabDefinition } from './lab-schema.ts';
import type { LabProgress } from './progress.ts';

/** A hint with the check it helps with. */
export interface HintStep {
  id: string;
  text: Texts;
  checkId: string;
  checkTitle: Texts;
}

/** Where a learner stands with a lab's hints. */
export interface HintState {
  /** Hints of the checks still failing (every check before a first run), in check order. */
  relevant: HintStep[];
  /** Every hint revealed so far, in the order shown, including those of checks since passed. */
  revealed: HintStep[];
  /** The first relevant hint not revealed yet. */
  next: HintStep | undefined;
  /** How many relevant hints are revealed. */
  relevantRevealed: number;
}

function stepsOf(definition: LabDefinition, skip: ReadonlySet<string>): HintStep[] {
  const steps: HintStep[] = [];
  const seen = new Set<string>();
  for (const check of definition.checks) {
    if (skip.has(check.id)) continue;
    for (const hint of check.hints) {
      // A hint two checks share belongs to the first of them, so it is revealed and counted once.
      if (seen.has(hint)) continue;
      seen.add(hint);
      steps.push({ id: hint, text: definition.hints[hint]!, checkId: check.id, checkTitle: check.title });
    }
  }
  return steps;
}

/** Every hint of the lab in the order they are revealed when no check has passed. */
export function fullHintSequence(definition: LabDefinition): HintStep[] {
  return stepsOf(definition, new Set());
}

/** The lab's hints in the order they are revealed, leaving out checks the last run passed. */
export function hintSequence(definition: LabDefinition, progress: LabProgress | undefined): HintStep[] {
  const last = progress?.lastResult?.checks;
  return stepsOf(definition, new Set(last ? last.filter((check) => check.passed).map((check) => check.id) : []));
}

/** What has been revealed, what still matters and which hint comes next. */
export function hintState(definition: LabDefinition, progress: LabProgress | undefined): HintState {
  const relevant = hintSequence(definition, progress);
  const shown = new Set(progress?.hintsRevealed ?? []);
  const byId = new Map([...fullHintSequence(definition), ...relevant].map((step) => [step.id, step]));
  // Ids a newer lab.json no longer has stay in the file but are not listed.
  const revealed = [...shown].flatMap((id) => byId.get(id) ?? []);
  const relevantRevealed = relevant.filter((step) => shown.has(step.id)).length;
  return { relevant, revealed, next: relevant.find((step) => !shown.has(step.id)), relevantRevealed };
}
