/**
 * A learner's checklist as Markdown, for Gradescope's submission page and the GitHub Actions job
 * summary: a heading per lab with its points, a line per check with why it failed. Checks hidden
 * from the learner are counted, never named, so the checklist leaks nothing about them.
 */
import type { Language } from '../../core/i18n/language.ts';
import type { LabResult } from '../../core/check-results.ts';
import { reportMessage } from './report-messages.ts';

/** Escapes what Markdown would read as formatting in a grader's message. */
export function markdownText(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|~])/g, '\\$1');
}

/** The checklist of `labs`; `shown(labId, checkId)` says whether the learner may see a check now. */
export function checklistMarkdown(labs: LabResult[], lang: Language, shown: (labId: string, checkId: string) => boolean = () => true, problem?: string): string {
  const say = (...args: Parameters<typeof reportMessage>) => reportMessage(...args).texts[lang];
  const parts: string[] = [];
  if (problem) parts.push(`> ${markdownText(problem)}`, '');
  for (const lab of labs) {
    const visible = lab.checks.filter((check) => shown(lab.labId, check.id));
    const hidden = lab.checks.length - visible.length;
    parts.push(`### ${markdownText(lab.titles?.[lang] ?? lab.title)} (${lab.labId})`, '');
    if (hidden === 0) parts.push(say('labPoints', { score: lab.score, max: lab.maxScore }), '');
    for (const check of visible) {
      const title = markdownText(check.titles?.[lang] ?? check.title);
      const points = `${check.points}/${check.maxPoints}`;
      parts.push(check.passed ? `- ✅ **${title}** (${points})` : `- ❌ **${title}** (${points}): ${markdownText(check.texts?.[lang] ?? check.message)}`);
    }
    if (hidden > 0) parts.push(`- 🔒 ${say('hiddenChecks', { count: hidden })}`);
    parts.push('');
  }
  return parts.join('\n').trimEnd() + '\n';
}
