/** The gradebooks: grades.csv (a row per learner) and grades.json (every check, with its message). */
import { totalsOf, type LearnerResult } from '../pool.ts';

/** Quotes a CSV field when it needs it (RFC 4180). */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One row per learner: points per lab, then the total. */
export function gradesCsv(results: LearnerResult[], labIds: string[]): string {
  const header = ['learner', ...labIds, 'total', 'max', 'problem'];
  const rows = results.map((result) => {
    const byLab = new Map(result.labs.map((lab) => [lab.labId, lab]));
    const { score, maxScore } = totalsOf(result);
    return [result.learner, ...labIds.map((id) => byLab.get(id)?.score ?? 0), score, maxScore, result.problem ?? ''];
  });
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

/** Every check of every learner, for tools. */
export function gradesJson(results: LearnerResult[], meta: { seed: number | string; labIds: string[]; target: string }): string {
  return JSON.stringify(
    {
      version: 1,
      seed: meta.seed,
      target: meta.target,
      labs: meta.labIds,
      learners: results.map((result) => ({
        learner: result.learner,
        score: totalsOf(result).score,
        max_score: totalsOf(result).maxScore,
        problem: result.problem ?? null,
        labs: result.labs.map((lab) => ({
          lab: lab.labId,
          score: lab.score,
          max_score: lab.maxScore,
          checks: lab.checks.map((check) => ({ id: check.id, title: check.title, passed: check.passed, points: check.points, max_points: check.maxPoints, message: check.message, ...(check.texts ? { texts: check.texts } : {}), duration_ms: Math.round(check.durationMs) })),
        })),
      })),
    },
    null,
    2,
  );
}
