/**
 * The labs' own lab.json files, read at build time, so a page shows the titles and hints the kit
 * grades with, in the page's language.
 */
import type { Locale } from './strings.ts';

/** A text in every language of the site, as lab.json holds titles and hints. */
export type Texts = Record<Locale, string>;

/** The parts of a lab.json the site reads. */
export interface LabFile {
  id: string;
  title: Texts;
  checks: Array<{ id: string; title: Texts; points: number; hints: string[] }>;
  hints: Record<string, Texts>;
}

const files = import.meta.glob<LabFile>('../../../labs/*/lab.json', { eager: true, import: 'default' });

/** The lab.json of a lab; a page naming a lab the kit does not have fails the build. */
export function labFile(id: string, component: string): LabFile {
  const lab = Object.values(files).find((file) => file.id === id);
  if (!lab) throw new Error(`${component}: no labs/${id}/lab.json`);
  return lab;
}

/** Each check's title in the page's language, by check id. */
export function checkTitles(lab: LabFile, locale: Locale): Record<string, string> {
  return Object.fromEntries(lab.checks.map((check) => [check.id, check.title[locale]]));
}
