/**
 * Writes the facts the lesson site shows about the kit itself, read from the code so the pages
 * cannot drift from it: every emulated service with its operations (the coverage page) and every
 * CLI command with its options (the CLI reference). The site's build runs this first; the output
 * folder is generated, not committed.
 *
 * Usage: node scripts/site-data.ts [outDir]   (default site/src/generated)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMANDS } from '../src/cli/commands/table.ts';
import { useLanguage } from '../src/core/i18n/language.ts';
import { KIT_ROOT } from '../src/core/kit.ts';
import { listLabs } from '../src/core/labs.ts';
import { readStarterManifest, starterContent } from '../src/core/starters.ts';
import { defaultServices } from '../src/emulator/services/index.ts';

/** One emulated service and the operations it answers. */
export interface CoverageEntry {
  name: string;
  protocol: string;
  global: boolean;
  operations: string[];
}

/** One CLI option as `workshop <command> --help` shows it. */
export interface CliOption {
  name: string;
  type: string;
  description: string;
  default?: string;
}

/** One CLI command for the reference page. */
export interface CliEntry {
  name: string;
  usage: string;
  summary: string;
  arrivesWith?: string;
  options: CliOption[];
}

/** The services of a default emulator and their operations, sorted. */
export function emulatorCoverage(): CoverageEntry[] {
  return defaultServices()
    .map((service) => ({
      name: service.name,
      protocol: service.protocol,
      global: Boolean(service.global),
      operations: Object.keys(service.operations).sort(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The CLI's commands in `--help` order, with the options of those that are built. */
export async function cliReference(): Promise<CliEntry[]> {
  const entries: CliEntry[] = [];
  // The CLI reference shows the English descriptions (the Chinese page has its own words), whatever the build's locale.
  useLanguage('en');
  for (const [name, entry] of Object.entries(COMMANDS)) {
    const options: CliOption[] = [];
    if (entry.load) {
      const command = await entry.load();
      const args = typeof command.args === 'function' ? await command.args() : await command.args;
      for (const [option, spec] of Object.entries((args ?? {}) as Record<string, Record<string, unknown>>)) {
        options.push({
          name: option,
          type: String(spec.type ?? 'string'),
          description: String(spec.description ?? ''),
          ...(spec.default !== undefined ? { default: String(spec.default) } : {}),
        });
      }
    }
    entries.push({ name, usage: entry.usage, summary: entry.summary, ...(entry.arrivesWith ? { arrivesWith: entry.arrivesWith } : {}), options });
  }
  return entries;
}

/**
 * Each lab's starter files as the kit ships them (lab id -> file -> text), for the lab pages'
 * editor: the pristine starters, never what the learner has made of `labs/` since.
 */
export function labStarters(root = KIT_ROOT): Record<string, Record<string, string>> {
  const manifest = readStarterManifest(root);
  return Object.fromEntries(listLabs(root).map((lab) => [lab.id, Object.fromEntries(lab.definition.files.map((file) => [file, starterContent(lab, file, root, manifest).toString('utf8')]))]));
}

/** Writes `emulator-coverage.json`, `cli.json` and `lab-starters.json` into `outDir`. */
export async function writeSiteData(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'emulator-coverage.json'), `${JSON.stringify(emulatorCoverage(), null, 2)}\n`);
  writeFileSync(join(outDir, 'cli.json'), `${JSON.stringify(await cliReference(), null, 2)}\n`);
  writeFileSync(join(outDir, 'lab-starters.json'), `${JSON.stringify(labStarters(), null, 2)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await writeSiteData(resolve(process.argv[2] ?? 'site/src/generated'));
}
