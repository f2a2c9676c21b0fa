/**
 * The kit's bundle and deploy errors reach a check in both languages with what to do next,
 * compiler and AWS words kept as they were said.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleHandler } from '../../src/core/deploy.ts';
import { deployMessage } from '../../src/core/deploy-messages.ts';
import { WorkshopError } from '../../src/core/errors.ts';
import { deployFailure, listOf } from '../../src/core/grader/context-messages.ts';

const dir = mkdtempSync(join(tmpdir(), 'context-messages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What bundling `text` as handler.ts throws. */
async function bundleError(name: string, text: string): Promise<unknown> {
  const file = join(mkdtempSync(join(dir, `${name}-`)), 'handler.ts');
  writeFileSync(file, text);
  return bundleHandler(file, 'handleOrder').then(() => undefined, (error: unknown) => error);
}

describe('deployFailure', () => {
  it('says which file must export what, in both languages', async () => {
    const message = deployFailure(await bundleError('renamed', 'export async function handle() { return 1; }\nexport const other = 2;\n'));
    expect(message?.texts.en).toBe('handler.ts must export handleOrder, the function Lambda runs (it exports handle, other): write `export async function handleOrder(event, context)` in handler.ts, or rename your function to handleOrder');
    expect(message?.texts['zh-cn']).toBe('handler.ts 必须导出 handleOrder，也就是 Lambda 运行的函数（它导出的名字：handle、other）：在 handler.ts 中写 `export async function handleOrder(event, context)`，或者把你的函数改名为 handleOrder');
    expect(deployFailure(await bundleError('none', 'const handleOrder = 1;\nvoid handleOrder;\n'))?.texts['zh-cn']).toContain('（它导出的名字：无）');
  });

  it('quotes the compiler in a file that does not compile, with its line', async () => {
    const message = deployFailure(await bundleError('broken', 'export async function handleOrder() {\n  return { status: \n}\n'));
    expect(message?.texts.en).toMatch(/^handler\.ts does not compile: .*handler\.ts:3:\d+: .+: fix that line, save, and check again$/);
    expect(message?.texts['zh-cn']).toMatch(/^handler\.ts 无法编译：.*handler\.ts:3:\d+: `.+`。改好这一行，保存后再检查一次$/);
  });

  it('says a deploy timeout in both languages, adds the next step the error carries, and leaves other errors alone', () => {
    const timeout = new WorkshopError('DEPLOY_TIMEOUT', deployMessage('deployTimeout', { name: 'shop-a', seconds: 120, state: 'Pending', status: 'undefined' }));
    expect(deployFailure(timeout)?.texts).toEqual({
      en: 'function shop-a was not ready after 120 s (State Pending, LastUpdateStatus undefined)',
      'zh-cn': '函数 shop-a 在 120 秒后仍未就绪（State Pending，LastUpdateStatus undefined）',
    });
    expect(deployFailure(new WorkshopError('SETUP_FAILED', 'something else'))).toBeUndefined();
    const translated = new WorkshopError('DEPLOY_FAILED', { id: 'x', params: {}, texts: { en: 'a.ts is broken', 'zh-cn': 'a.ts 坏了' } }, { hint: { id: 'y', params: {}, texts: { en: 'fix it', 'zh-cn': '修好它' } } });
    expect(deployFailure(translated)?.texts).toEqual({ en: 'a.ts is broken: fix it', 'zh-cn': 'a.ts 坏了：修好它' });
    expect(deployFailure(new Error('shop-a does not compile: x'))).toBeUndefined();
  });
});

describe('listOf', () => {
  it('joins names as each language writes a list', () => {
    expect(listOf(['items', 'status']).texts).toEqual({ en: 'items, status', 'zh-cn': 'items、status' });
  });
});
