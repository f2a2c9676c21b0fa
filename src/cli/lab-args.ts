/** Arguments the lab commands share, and turning them into a target and labs. */
import { findLab, listLabIds, listLabs, type Lab } from '../core/labs.ts';
import { resolveTarget, type Target } from '../core/target.ts';
import { EXIT, WorkshopError } from '../core/errors.ts';
import { cliMessage } from './messages.ts';
import { helpText } from './command-help.ts';

/** `--target`, `--dir` and `--seed`, for citty. */
export const labArgs = {
  target: { type: 'string', description: helpText('argTarget') },
  dir: { type: 'string', description: helpText('argDir') },
  seed: { type: 'string', description: helpText('argSeed') },
} as const;

/** The target chosen by `--target` and the environment. */
export function targetFrom(args: { target?: string | undefined }): Target {
  return resolveTarget({ flag: args.target });
}

/** Parses `--seed`. */
export function seedFrom(args: { seed?: string | undefined }): number | undefined {
  if (args.seed === undefined) return undefined;
  if (!/^\d{1,10}$/.test(args.seed)) {
    throw new WorkshopError('BAD_OPTION', cliMessage('badSeed', { value: args.seed }), { hint: cliMessage('seedExample'), exitCode: EXIT.usage });
  }
  return Number(args.seed) % 2 ** 31;
}

/** The labs a command works on: one by reference, or all when none is given. */
export function labsFrom(reference: string | undefined): Lab[] {
  if (reference) return [findLab(reference)];
  const labs = listLabs();
  if (labs.length === 0) throw new WorkshopError('NO_LABS', cliMessage('noLabs'), { exitCode: EXIT.failed });
  return labs;
}

/** One lab, which the command requires. */
export function requireLab(reference: string | undefined, command: string): Lab {
  if (!reference) {
    const ids = listLabIds().map((id) => id.slice(0, 2)).join(', ');
    throw new WorkshopError('MISSING_LAB', cliMessage('needsLab', { command }), { hint: cliMessage('labExample', { command, ids }), exitCode: EXIT.usage });
  }
  return findLab(reference);
}
