/**
 * What the panel knows of a lab: its lab.json and its starter files as the kit ships them, read
 * at build time from site/src/generated/lab-starters.json (scripts/site-data.ts writes it from
 * labs/starters.json): the pristine starters, never what the learner made of `labs/`, and never
 * `solutions/`. Both arrive when the panel opens, not with the page.
 */
import type { LabDefinition } from '../../../../src/core/lab-schema.ts';

const definitions = import.meta.glob<LabDefinition>('../../../../labs/*/lab.json', { import: 'default' });
const starterTexts = () => import('../../generated/lab-starters.json').then((module) => module.default as Record<string, Record<string, string> | undefined>);

/** A lab as the panel uses it: its definition and each file the learner edits, as the starter has it. */
export interface PanelLab {
  definition: LabDefinition;
  /** File name (lab.json `files`, relative to the lab folder) -> starter text. */
  starters: Record<string, string>;
}

/** Loads lab `labId`; rejects naming what is missing, so the panel can say it. */
export async function loadLab(labId: string): Promise<PanelLab> {
  const loadDefinition = definitions[`../../../../labs/${labId}/lab.json`];
  if (!loadDefinition) throw new Error(`labs/${labId}/lab.json is not in this site`);
  const [definition, all] = await Promise.all([loadDefinition(), starterTexts()]);
  const texts = definition.files.map((file) => {
    const text = all[labId]?.[file];
    if (text === undefined) throw new Error(`labs/${labId}/${file} is not in this site`);
    return [file, text] as const;
  });
  return { definition, starters: Object.fromEntries(texts) };
}

/** The lab's total points. */
export function maxScore(definition: LabDefinition): number {
  return definition.checks.reduce((sum, check) => sum + check.points, 0);
}
