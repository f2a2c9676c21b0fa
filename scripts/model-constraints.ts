/**
 * Writes the input constraints of every emulated operation, taken from AWS's own service models
 * (botocore's `data/<service>/<version>/service-2.json(.gz)`, the files the AWS CLI and boto3
 * ship), to src/emulator/validation/constraints.json: required members, lengths, ranges, enums and
 * patterns, nested structures, lists and maps only where something inside them is constrained.
 *
 * Regenerate after a botocore upgrade or when a service gains operations:
 *   node scripts/model-constraints.ts            (botocore found through `python3 -c "import botocore"`)
 *   node scripts/model-constraints.ts <botocore-data-dir>
 * test/emulator/validation-table.test.ts regenerates it and fails when the committed file is stale.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { defaultServices } from '../src/emulator/services/index.ts';
import type { ConstraintFile, ServiceConstraints, Shape } from '../src/emulator/validation/table.ts';

/**
 * The services whose front end checks input against the model, with the model version and the
 * error AWS answers. SQS and S3 are left out: their models carry almost no constraints, and what
 * they check they answer with their own codes (MissingParameter, InvalidAttributeName, S3's XML errors).
 */
export const VALIDATED: Record<string, { model: string; code: string; hidden?: string[]; serviceChecked?: string[] }> = {
  dynamodb: { model: 'dynamodb/2012-08-10', code: 'ValidationException' },
  // Lambda itself answers these with InvalidParameterValueException and its own words (an unknown
  // runtime is "Value x at 'runtime' ... or be a valid ARN"; a malformed new function name too), so the table leaves them to it.
  lambda: { model: 'lambda/2015-03-31', code: 'ValidationException', serviceChecked: ['Runtime', 'CreateFunctionRequest.FunctionName'] },
  events: { model: 'events/2015-10-07', code: 'ValidationException' },
  logs: { model: 'logs/2014-03-28', code: 'InvalidParameterException' },
  // AWS leaves the value of a role's description out of its answer ("Value at 'description' ...").
  iam: { model: 'iam/2010-05-08', code: 'ValidationError', hidden: ['roleDescriptionType'] },
  sts: { model: 'sts/2011-06-15', code: 'ValidationError' },
  ssm: { model: 'ssm/2014-11-06', code: 'ValidationException' },
  secretsmanager: { model: 'secretsmanager/2017-10-17', code: 'ValidationException' },
};

interface ModelShape {
  type: string;
  members?: Record<string, { shape: string }>;
  required?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
}

interface Model {
  metadata: { apiVersion: string };
  operations: Record<string, { input?: { shape: string } }>;
  shapes: Record<string, ModelShape>;
}

/** botocore's data folder, as the installed Python package has it. */
export function botocoreData(): { dir: string; version: string } {
  const out = execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__));print(botocore.__version__)'], { encoding: 'utf8' });
  const [dir, version] = out.trim().split('\n');
  return { dir: join(dir!, 'data'), version: version ?? 'unknown' };
}

function readModel(dataDir: string, model: string): Model {
  const plain = join(dataDir, model, 'service-2.json');
  if (existsSync(plain)) return JSON.parse(readFileSync(plain, 'utf8')) as Model;
  return JSON.parse(gunzipSync(readFileSync(`${plain}.gz`)).toString('utf8')) as Model;
}

const NUMBERS = new Set(['integer', 'long', 'float', 'double']);

/** The compact constraints of one shape, before its children are known to matter. */
function own(shape: ModelShape, hidden: boolean): Shape | undefined {
  const bounds: { min?: number; max?: number } = {};
  if (shape.min !== undefined) bounds.min = shape.min;
  if (shape.max !== undefined) bounds.max = shape.max;
  if (shape.type === 'string') {
    const out: Shape = { t: 'string', ...bounds };
    if (shape.pattern !== undefined) out.pattern = shape.pattern;
    if (shape.enum) out.enum = shape.enum;
    if (hidden) out.hide = true;
    return out;
  }
  if (NUMBERS.has(shape.type)) return { t: 'number', ...bounds };
  if (shape.type === 'blob') return { t: 'blob', ...bounds, ...(hidden ? { hide: true } : {}) };
  if (shape.type === 'list') return { t: 'list', ...bounds };
  if (shape.type === 'map') return { t: 'map', ...bounds, ...(hidden ? { hide: true } : {}) };
  if (shape.type === 'structure') return { t: 'structure', members: [] };
  return undefined;
}

function hasOwnConstraint(shape: Shape): boolean {
  return shape.min !== undefined || shape.max !== undefined || shape.pattern !== undefined || shape.enum !== undefined;
}

/** The constraint table of one service's implemented operations. */
export function serviceConstraints(model: Model, operations: string[], code: string, hiddenShapes: string[] = [], serviceChecked: string[] = []): ServiceConstraints {
  const left = new Set(serviceChecked);
  const kept = new Map<string, Shape>();
  const visiting = new Set<string>();
  // A shape matters when it or anything below it is constrained; cycles (DynamoDB's AttributeValue) end at a shape being visited.
  const visit = (name: string): boolean => {
    if (kept.has(name)) return true;
    if (visiting.has(name) || left.has(name)) return false;
    const source = model.shapes[name];
    if (!source) return false;
    const shape = own(source, source.sensitive === true || hiddenShapes.includes(name));
    if (!shape) return false;
    visiting.add(name);
    let matters = hasOwnConstraint(shape);
    if (source.type === 'structure') {
      const required = new Set(source.required ?? []);
      for (const [member, ref] of Object.entries(source.members ?? {})) {
        const inner = !left.has(`${name}.${member}`) && visit(ref.shape) ? ref.shape : null;
        if (inner === null && !required.has(member)) continue;
        shape.members!.push(required.has(member) ? [member, inner, 1] : [member, inner]);
        matters = true;
      }
    } else if (source.type === 'list' && source.member && visit(source.member.shape)) {
      shape.member = source.member.shape;
      matters = true;
    } else if (source.type === 'map') {
      if (source.key && visit(source.key.shape)) shape.key = source.key.shape;
      if (source.value && visit(source.value.shape)) shape.value = source.value.shape;
      matters ||= shape.key !== undefined || shape.value !== undefined;
    }
    visiting.delete(name);
    if (matters) kept.set(name, shape);
    return matters;
  };
  const table: Record<string, string | null> = {};
  for (const operation of [...operations].sort()) {
    if (!Object.hasOwn(model.operations, operation)) continue;
    const input = model.operations[operation]!.input?.shape;
    table[operation] = input && visit(input) ? input : null;
  }
  const shapes = Object.fromEntries([...kept.entries()].sort((a, b) => a[0].localeCompare(b[0])));
  return { code, operations: table, shapes };
}

/** The whole constraint file, from the models in `dataDir`, for the operations the emulator implements. */
export function buildConstraintFile(dataDir: string, botocoreVersion: string): ConstraintFile {
  const implemented = new Map(defaultServices().map((service) => [service.name, Object.keys(service.operations)]));
  const services: Record<string, ServiceConstraints> = {};
  const models: Record<string, string> = {};
  for (const [name, { model, code, hidden, serviceChecked }] of Object.entries(VALIDATED)) {
    const source = readModel(dataDir, model);
    models[name] = model;
    services[name] = serviceConstraints(source, implemented.get(name) ?? [], code, hidden, serviceChecked);
  }
  return { generatedBy: 'node scripts/model-constraints.ts', botocore: botocoreVersion, models, services };
}

/** Where the committed table lives. */
export const CONSTRAINTS_FILE = fileURLToPath(new URL('../src/emulator/validation/constraints.json', import.meta.url));

/** The file's text exactly as the script writes it: one line per operation table and per shape, so a change reads as a small diff. */
export function constraintFileText(file: ConstraintFile): string {
  const services = Object.entries(file.services).map(([name, service]) => {
    const shapes = Object.entries(service.shapes).map(([shape, value]) => `      ${JSON.stringify(shape)}: ${JSON.stringify(value)}`);
    return `    ${JSON.stringify(name)}: {\n      "code": ${JSON.stringify(service.code)},\n      "operations": ${JSON.stringify(service.operations)},\n` +
      `      "shapes": {\n${shapes.map((line) => `  ${line}`).join(',\n')}\n      }\n    }`;
  });
  const head = `  "generatedBy": ${JSON.stringify(file.generatedBy)},\n  "botocore": ${JSON.stringify(file.botocore)},\n  "models": ${JSON.stringify(file.models)},\n`;
  return `{\n${head}  "services": {\n${services.join(',\n')}\n  }\n}\n`;
}

if (import.meta.main) {
  const found = process.argv[2] ? { dir: process.argv[2], version: 'given' } : botocoreData();
  const file = buildConstraintFile(found.dir, found.version);
  writeFileSync(CONSTRAINTS_FILE, constraintFileText(file));
  const counts = Object.entries(file.services).map(([name, service]) => `${name} ${Object.keys(service.operations).length}`);
  console.log(`wrote ${CONSTRAINTS_FILE} (botocore ${found.version}): ${counts.join(', ')}`);
}
