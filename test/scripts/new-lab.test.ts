import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { scaffoldLab, titleFromSlug } from '../../src/core/scaffold.ts';

const SCRIPT = fileURLToPath(new URL('../../scripts/new-lab.ts', import.meta.url));
const folders: string[] = [];
function tempRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'new-lab-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run new:lab', () => {
  it('creates the starter, solution, grader, READMEs and lab pages in both languages with the id filled in', async () => {
    const root = tempRoot();
    const result = await run(['07-order-events', '--title', 'Order events'], root);
    expect(result.code).toBe(0);
    for (const path of ['labs/07-order-events/lab.json', 'labs/07-order-events/README.md', 'labs/07-order-events/README.zh-cn.md', 'labs/07-order-events/handler.ts', 'solutions/07-order-events/handler.ts', 'test/labs/07-order-events.test.ts', 'site/src/content/docs/labs/07-order-events.mdx', 'site/src/content/docs/zh-cn/labs/07-order-events.mdx']) {
      expect(result.stdout).toContain(path);
      expect(existsSync(join(root, path))).toBe(true);
    }
    const lab = JSON.parse(readFileSync(join(root, 'labs/07-order-events/lab.json'), 'utf8'));
    expect(lab).toMatchObject({ id: '07-order-events', title: { en: 'Order events', 'zh-cn': '待翻译：Order events' } });
    expect(readFileSync(join(root, 'labs/07-order-events/handler.ts'), 'utf8')).toContain('// TODO:');
    expect(readFileSync(join(root, 'solutions/07-order-events/handler.ts'), 'utf8')).not.toContain('TODO');
    expect(readFileSync(join(root, 'site/src/content/docs/labs/07-order-events.mdx'), 'utf8')).toContain("title: 'Lab 07: Order events'");
    // The Chinese README mirrors the English one (same command block) and the Chinese lab page embeds it.
    const fence = (text: string) => /```[\s\S]*?```/.exec(text)?.[0];
    const readmeZh = readFileSync(join(root, 'labs/07-order-events/README.zh-cn.md'), 'utf8');
    expect(readmeZh).toMatch(/^# 实验 07：待翻译：Order events\n/);
    expect(fence(readmeZh)).toBe(fence(readFileSync(join(root, 'labs/07-order-events/README.md'), 'utf8')));
    const pageZh = readFileSync(join(root, 'site/src/content/docs/zh-cn/labs/07-order-events.mdx'), 'utf8');
    expect(pageZh).toContain("title: '实验 07：待翻译：Order events'");
    expect(pageZh).toContain("from '../../../../../../labs/07-order-events/README.zh-cn.md'");
    for (const path of result.stdout.split('\n').filter((line) => line.startsWith('  '))) {
      expect(readFileSync(join(root, path.trim()), 'utf8')).not.toContain('{{');
    }
  });

  it('scaffolds a starter that fails the grader and a solution that passes, by behaviour', async () => {
    const root = tempRoot();
    scaffoldLab(root, '09-totals');
    const starter = await import(join(root, 'labs/09-totals/handler.ts'));
    const solution = await import(join(root, 'solutions/09-totals/handler.ts'));
    const order = { orderId: 'o-1', items: [{ sku: 'a', quantity: 2, price: 150 }, { sku: 'b', quantity: 1, price: 99 }] };
    expect(await solution.handler(order)).toEqual({ orderId: 'o-1', total: 399 });
    expect(await starter.handler(order)).not.toEqual({ orderId: 'o-1', total: 399 });
  });

  it('refuses a malformed id and never overwrites an existing lab', async () => {
    const root = tempRoot();
    const bad = await run(['Lab7'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"Lab7" is not a lab id');
    scaffoldLab(root, '02-deploy');
    expect(() => scaffoldLab(root, '02-deploy')).toThrow(/already has files/);
    const usage = await run([], root);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npm run new:lab');
  });

  it('derives a title from the slug', () => {
    expect(titleFromSlug('order-store')).toBe('Order store');
  });
});
