/** The CLI's top-level help text, built from the command table. */
import { language } from '../core/i18n/language.ts';
import { COMMANDS } from './commands/table.ts';
import { helpText } from './command-help.ts';

/** Renders `workshop --help`, in the learner's language. */
export function renderHelp(version: string): string {
  const width = Math.max(...Object.values(COMMANDS).map((entry) => entry.usage.length)) + 2;
  const lines = Object.values(COMMANDS).map((entry) => {
    const later = entry.arrivesWith ? helpText('helpLater', { arrives: entry.arrivesWith }) : '';
    return `  ${entry.usage.padEnd(width)}${entry.summaries[language()]}${later}`;
  });
  return [
    helpText('helpHead', { version }),
    '',
    helpText('helpUsage'),
    '',
    helpText('helpCommands'),
    ...lines,
    '',
    helpText('helpTargets'),
    helpText('helpLanguage'),
    helpText('helpOptions'),
  ].join('\n');
}

/** Suggests the command nearest to a mistyped one, if any is close. */
export function nearestCommand(name: string, names: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of names) {
    const distance = editDistance(name, candidate);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length]!;
}
