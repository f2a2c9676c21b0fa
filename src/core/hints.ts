/** Which hint comes next: hints of the checks still failing, in check order, one at a time. */
import type { LabDefinition } from './lab-schema.ts';
import type { LabProgress } from './progress.ts';

/** A hint with the check it helps with. */
export interface HintStep {
  id: string;
  text: string;
  checkId: string;
  checkTitle: string;
}

/** The lab's hints in the order they are revealed, leaving out checks already passed. */
export function hintSequence(definition: LabDefinition, progress: LabProgress | undefined): HintStep[] {
  const last = progress?.lastResult?.checks;
  const passedNow = new Set(last ? last.filter((check) => check.passed).map((check) => check.id) : []);
  const steps: HintStep[] = [];
  const seen = new Set<string>();
  for (const check of definition.checks) {
    if (passedNow.has(check.id)) continue;
    for (const hint of check.hints) {
      if (seen.has(hint)) continue;
      seen.add(hint);
      steps.push({ id: hint, text: definition.hints[hint]!, checkId: check.id, checkTitle: check.title });
    }
  }
  return steps;
}
