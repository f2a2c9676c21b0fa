/**
 * The shape of `lab.json`, checked with zod so a broken file is reported with its path and the
 * field at fault instead of failing somewhere later.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EXIT, WorkshopError } from './errors.ts';

/** A text in both languages, neither empty (a missing translation is an error). */
const textsSchema = z.object({ en: z.string().min(1), 'zh-cn': z.string().min(1) }).strict();

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use kebab-case, like "validates-input"');

/** One graded check of a lab. */
export const checkSchema = z.object({
  id,
  /** In every language the kit speaks: a missing translation is an error in lab.json. */
  title: textsSchema,
  points: z.number().int().positive(),
  /** Hint ids to show, in order, when this check fails. */
  hints: z.array(id).default([]),
  /** When Gradescope shows the check to the learner: "after_due_date" keeps a hidden input hidden until then. */
  visibility: z.enum(['visible', 'hidden', 'after_due_date', 'after_published']).optional(),
});

/** A learner function `workshop deploy` calls to create what a deployed function needs, like its table. */
export const setupCallSchema = z.object({
  /** Relative to the lab folder; `../03-orders-table/orders-table.ts` reaches another lab's file. */
  file: z.string().min(1),
  export: z.string().regex(/^[A-Za-z_$][\w$]*$/),
  /** JSON arguments; `{ "$client": "dynamodb" }` becomes an SDK client, `{ "$functionArn": true }` the deployed function's ARN. */
  args: z.array(z.unknown()).default([]),
});

/** A function `workshop deploy` builds from the learner's files. */
export const deploySchema = z.object({
  /** The function name (a run of `workshop check` adds its own prefix instead). */
  name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  file: z.string().min(1),
  /** The exported function that is the handler. */
  export: z.string().regex(/^[A-Za-z_$][\w$]*$/).default('handler'),
  timeout: z.number().int().min(1).max(900).optional(),
  environment: z.record(z.string(), z.string()).optional(),
  /** An event the function answers without error: the payload of the invoke command deploy prints. */
  example: z.unknown().optional(),
  /**
   * For a function behind an HTTP API: a request it answers, printed by deploy as a curl command
   * against the URL an "after" call returned (instead of an invoke command).
   */
  request: z.object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    path: z.string().startsWith('/'),
    headers: z.record(z.string(), z.string()).default({}),
    body: z.unknown().optional(),
  }).optional(),
  /** Setup calls run before the function is deployed, and after it (when they need its ARN). */
  before: z.array(setupCallSchema).default([]),
  after: z.array(setupCallSchema).default([]),
});

/**
 * One statement of the identity policy a lab's functions get (lab.json's "functionPolicy"), least
 * privilege; `{prefix}` in a Resource is the run's name prefix (`ws-NN` in a check, `shop` for deploy).
 */
export const policyStatementSchema = z.object({
  Sid: z.string().regex(/^[A-Za-z0-9]*$/).optional(),
  Effect: z.enum(['Allow', 'Deny']),
  Action: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  Resource: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  Condition: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
}).strict();

/** Resources a lab creates under fixed names, which `workshop reset` deletes. */
export const resourcesSchema = z.object({
  functions: z.array(z.string()).default([]),
  tables: z.array(z.string()).default([]),
  queues: z.array(z.string()).default([]),
  buses: z.array(z.string()).default([]),
  /** Rules as `bus/name` (or just `name` on the default bus). */
  rules: z.array(z.string()).default([]),
  roles: z.array(z.string()).default([]),
  /** HTTP APIs (API Gateway), by name. */
  apis: z.array(z.string()).default([]),
});

/** The whole `lab.json`. */
export const labSchema = z
  .object({
    id: z.string().regex(/^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use two digits, a dash and kebab-case, like "01-first-handler"'),
    title: textsSchema,
    /** The lesson page that teaches what the lab needs. */
    lesson: z.string().startsWith('/'),
    services: z.array(z.enum(['lambda', 'iam', 'sts', 'logs', 'dynamodb', 's3', 'sqs', 'events', 'apigateway', 'stepfunctions', 'cloudformation'])).min(1),
    /** The files the learner edits, relative to the lab folder. */
    files: z.array(z.string().min(1)).min(1),
    checks: z.array(checkSchema).min(1),
    /** Hint id -> text in each language, revealed one at a time. */
    hints: z.record(id, textsSchema),
    deploy: z.array(deploySchema).default([]),
    /** What the lab's functions may do: the statements of their execution role's policy. */
    functionPolicy: z.array(policyStatementSchema).default([]),
    resources: resourcesSchema.default({ functions: [], tables: [], queues: [], buses: [], rules: [], roles: [], apis: [] }),
  })
  .superRefine((lab, context) => {
    const seen = new Set<string>();
    lab.checks.forEach((check, index) => {
      if (seen.has(check.id)) context.addIssue({ code: 'custom', path: ['checks', index, 'id'], message: `duplicate check id "${check.id}"` });
      seen.add(check.id);
      check.hints.forEach((hint, hintIndex) => {
        if (!(hint in lab.hints)) context.addIssue({ code: 'custom', path: ['checks', index, 'hints', hintIndex], message: `hint "${hint}" is not defined under "hints"` });
      });
    });
  });

/** A validated lab definition. */
export type LabDefinition = z.infer<typeof labSchema>;

/** One check of a lab. */
export type LabCheck = z.infer<typeof checkSchema>;

/** Reads and validates `<dir>/lab.json`; throws a WorkshopError naming the file and the field. */
export function readLabDefinition(dir: string): LabDefinition {
  const file = join(dir, 'lab.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new WorkshopError('BAD_LAB_FILE', missing ? `${file} is missing` : `${file} is not valid JSON: ${(error as Error).message}`, {
      hint: missing ? 'restore it with `git checkout -- ' + file + '`' : 'fix the JSON syntax (a trailing comma or a missing quote is the usual cause)',
      exitCode: EXIT.failed,
    });
  }
  const parsed = labSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new WorkshopError('BAD_LAB_FILE', `${file}: field "${field}": ${issue.message}`, {
      hint: 'compare it with another lab\'s lab.json, or restore it with git',
      exitCode: EXIT.failed,
    });
  }
  return parsed.data;
}
