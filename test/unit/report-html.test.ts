/** report.html in the instructor's language: the frame, the check titles, the reasons and the hints. */
import { describe, expect, it } from 'vitest';
import { failedLab, labResultOf } from '../../src/core/check-results.ts';
import { findLab } from '../../src/core/labs.ts';
import { reportHtml } from '../../src/grade/reports/html.ts';
import { kitMessage } from '../../src/core/grader/messages.ts';
import type { LearnerResult } from '../../src/grade/pool.ts';
import { englishLeaks } from '../support/english-leaks.ts';

const lab = findLab('01');
const results: LearnerResult[] = [
  { learner: 'ana', labs: [failedLab(lab, kitMessage('graderDidNotRun'), 7)], problem: undefined, durationMs: 10 },
  { learner: 'ben', labs: [labResultOf(lab, undefined, 7)], problem: undefined, durationMs: 10 },
];
const meta = { seed: 7, target: 'emulator', generatedAt: new Date('2026-12-01T10:00:00Z') };

function text(html: string): string {
  return html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, '\n').replace(/&quot;/g, '"');
}

describe('report.html', () => {
  it('is English by default', () => {
    const html = reportHtml(results, [lab], meta);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Cohort report</h1>');
    expect(html).toContain('Your first order handler');
    expect(html).toContain('title="the grader did not run"');
  });

  it('speaks Chinese with lang zh-cn: titles, reasons, hints and dates', () => {
    const html = reportHtml(results, [lab], { ...meta, lang: 'zh-cn' });
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h1>班级报告</h1>');
    expect(html).toContain(lab.definition.checks[0]!.title['zh-cn']);
    expect(html).toContain(lab.definition.hints['sum-lines']!['zh-cn']);
    expect(html).toContain('title="评分程序没有运行"');
    expect(html).toContain('2026年12月1日');
    expect(englishLeaks(text(html))).toEqual([]);
  });
});
