// The site's CJK line-break plugin, run through Sätteri (the Markdown and MDX pipeline Astro uses).
import { markdownToHtml, mdxToJs } from 'satteri';
import { describe, expect, it } from 'vitest';
import { cjkLineBreaks, joinBreak } from '../../site/plugins/cjk-line-breaks.mjs';

// Sätteri answers synchronously unless a plugin is async; awaiting covers both.
const html = async (markdown: string) => (await markdownToHtml(markdown, { mdastPlugins: [cjkLineBreaks] })).html.trim();

describe('CJK line breaks', () => {
  it('removes a break between two CJK characters and after CJK punctuation', async () => {
    expect(await html('某个函数在一个古怪的订单上碰到了 bug，\n一次部署在处理中途重启了执行环境。')).toBe('<p>某个函数在一个古怪的订单上碰到了 bug，一次部署在处理中途重启了执行环境。</p>');
    expect(await html('这在大多数情况下是好消\n息。\n重试的另一面')).toBe('<p>这在大多数情况下是好消息。重试的另一面</p>');
  });

  it('removes the spaces around the break as well', async () => {
    expect(await html('好消息。  \t\n   重试')).toBe('<p>好消息。重试</p>');
    expect(await html('- 第一项，\n  仍是第一项')).toBe('<ul>\n<li>第一项，仍是第一项</li>\n</ul>');
  });

  it('looks across inline formatting on either side of the break', async () => {
    expect(await html('- **可见性超时。**\n  被接收的消息')).toContain('<strong>可见性超时。</strong>被接收的消息');
    expect(await html('它会\n*重复*\n投递')).toBe('<p>它会<em>重复</em>投递</p>');
    expect(await html('见[第 5 课](/x/)\n的说明')).toBe('<p>见<a href="/x/">第 5 课</a>的说明</p>');
  });

  it('keeps one space between a CJK character and a Latin word or a digit, none next to CJK punctuation', async () => {
    expect(await html('使用\nLambda 函数')).toBe('<p>使用 Lambda 函数</p>');
    expect(await html('函数 Lambda\n会重试')).toBe('<p>函数 Lambda 会重试</p>');
    expect(await html('最长\n12 小时')).toBe('<p>最长 12 小时</p>');
    expect(await html('函数。\nLambda 会重试')).toBe('<p>函数。Lambda 会重试</p>');
    expect(await html('调用\n`PutEvents`，\n然后')).toBe('<p>调用 <code>PutEvents</code>，然后</p>');
  });

  it('leaves English text, code and hard breaks alone', async () => {
    expect(await html('Retries are\ngood news.')).toBe('<p>Retries are\ngood news.</p>');
    expect(await html('中文\\\n中文')).toBe('<p>中文<br>\n中文</p>');
    expect(await html('```\n中文，\n中文\n```')).toContain('中文，\n中文');
    expect(await html('前面 `代码，\n代码` 后面')).toContain('<code>代码， 代码</code>');
    // Curly quotes and dashes are shared with English, so they do not join lines.
    expect(await html('He said “yes”\nthen left')).toBe('<p>He said “yes”\nthen left</p>');
  });

  it('applies to MDX, inside components too', async () => {
    const { code } = await mdxToJs('<Aside>\n第一行，\n第二行\n</Aside>\n\n**容量。**\n必须', { mdastPlugins: [cjkLineBreaks] });
    expect(code).toContain('"第一行，第二行"');
    expect(code).toContain('"必须"');
    expect(code).not.toContain('\\n必须');
  });

  it('decides by the two neighbours only', () => {
    expect(joinBreak('。', 'A')).toBe('');
    expect(joinBreak('a', '（')).toBe('');
    expect(joinBreak('中', '文')).toBe('');
    expect(joinBreak('中', 'A')).toBe(' ');
    expect(joinBreak('9', '中')).toBe(' ');
    expect(joinBreak('a', 'b')).toBeNull();
    expect(joinBreak('中', undefined)).toBeNull();
    expect(joinBreak('中', '(')).toBeNull();
  });
});
