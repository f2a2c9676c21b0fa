/**
 * Creates the four places of a new lab from templates: starter, solution, grader and lesson page
 * (STYLE rule 4), with the README and the lab page in both languages; the Chinese ones say 待翻译
 * where a title waits for its translation, as lab.json does. It never overwrites: an existing file
 * stops it before anything is written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { EXIT, WorkshopError } from './errors.ts';

/** The lab id form: two digits, a dash, a kebab-case slug, like `01-first-function`. */
export const LAB_ID = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

const TEMPLATES = new URL('../../scripts/templates/lab/', import.meta.url);

/** Where each template goes, relative to the repository root. */
function placesOf(id: string): Array<[template: string, target: string]> {
  return [
    ['lab.json', `labs/${id}/lab.json`],
    ['README.md', `labs/${id}/README.md`],
    ['README.zh-cn.md', `labs/${id}/README.zh-cn.md`],
    ['starter-handler.ts', `labs/${id}/handler.ts`],
    ['solution-handler.ts', `solutions/${id}/handler.ts`],
    ['grader.test.ts', `test/labs/${id}.test.ts`],
    ['lesson.mdx', `site/src/content/docs/labs/${id}.mdx`],
    ['lesson.zh-cn.mdx', `site/src/content/docs/zh-cn/labs/${id}.mdx`],
  ];
}

/** Turns `03-order-store` into `Order store`. */
export function titleFromSlug(slug: string): string {
  const words = slug.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Creates a lab's files under `root` and returns their paths relative to it. */
export function scaffoldLab(root: string, id: string, title?: string): string[] {
  const match = LAB_ID.exec(id);
  if (!match) {
    throw new WorkshopError('BAD_LAB_ID', `"${id}" is not a lab id`, {
      hint: 'use two digits, a dash and a kebab-case name, like 05-order-events',
      exitCode: EXIT.usage,
    });
  }
  const [, number, slug] = match as unknown as [string, string, string];
  const values: Record<string, string> = { id, number, slug, title: title ?? titleFromSlug(slug) };
  const places = placesOf(id);
  const taken = places.map(([, target]) => target).filter((target) => existsSync(join(root, target)));
  if (taken.length > 0) {
    throw new WorkshopError('LAB_EXISTS', `lab ${id} already has files: ${taken.join(', ')}`, {
      hint: 'pick another id, or delete those files first',
    });
  }
  const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
  for (const [template, target] of places) {
    const path = join(root, target);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, fill(readFileSync(new URL(template, TEMPLATES), 'utf8')), { flag: 'wx' });
  }
  return places.map(([, target]) => relative(root, join(root, target)));
}
