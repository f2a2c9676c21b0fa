/** Checks of CreateFunction and UpdateFunctionConfiguration parameters, with Lambda's error codes and wording. */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { constraintMessage } from './arns.ts';
import { InvalidParameterValueException, LambdaValidationException } from './errors.ts';
import { RESERVED_VARIABLES } from './execution/launch.ts';

/** The runtimes AWS accepts for new functions, in the order its error message lists them. */
const AWS_RUNTIMES = [
  'nodejs20.x', 'python3.14', 'provided.al2023', 'python3.12', 'python3.13', 'nodejs24.x', 'nodejs22.x', 'java17',
  'nodejs16.x', 'java25', 'dotnet8', 'python3.10', 'java11', 'python3.11', 'dotnet6', 'java21', 'nodejs18.x',
  'provided.al2', 'ruby3.3', 'ruby3.4', 'java8.al2', 'ruby3.2', 'python3.8', 'python3.9',
];

/** The runtimes the emulator can run. */
export const EMULATED_RUNTIMES = [
  'nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x',
  'python3.9', 'python3.10', 'python3.11', 'python3.12', 'python3.13',
];

const ROLE = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const ENV_KEY = /^[a-zA-Z]([a-zA-Z0-9_])+$/;
/** AWS measures environment variables as compact JSON and allows 4 KB. */
const ENV_LIMIT_BYTES = 4096;

/** The ValidationException AWS answers for a value that breaks the service model. */
export function invalid(value: unknown, member: string, constraint: string): LambdaValidationException {
  return new LambdaValidationException(constraintMessage(value, member, constraint));
}

/** An optional string parameter, checked for type and length. */
export function optionalString(value: unknown, member: string, maxLength: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(value, member, 'Member must be a string');
  if (value.length > maxLength) throw invalid(value, member, `Member must have length less than or equal to ${maxLength}`);
  return value;
}

/** An optional integer parameter within the model's range; query strings arrive as text. */
export function optionalInteger(value: unknown, member: string, min: number, max?: number): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw invalid(value, member, 'Member must be an integer');
  if (number < min) throw invalid(number, member, `Member must have value greater than or equal to ${min}`);
  if (max !== undefined && number > max) throw invalid(number, member, `Member must have value less than or equal to ${max}`);
  return number;
}

/** The execution role: required on create, and shaped like an IAM role ARN. */
export function checkRole(value: unknown): string {
  if (value === undefined || value === null) throw invalid(undefined, 'role', 'Member must not be null');
  if (typeof value !== 'string' || !ROLE.test(value)) {
    throw invalid(value, 'role', 'Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+');
  }
  return value;
}

/** True when an executable named `command` is on the PATH. */
export function onPath(command: string): boolean {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (!folder) continue;
    try {
      accessSync(join(folder, command), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/** A runtime AWS knows and the emulator can run (Python ones only when python3 is installed, and never in a browser page). */
export function checkRuntime(value: unknown): string {
  if (typeof value !== 'string' || !AWS_RUNTIMES.includes(value)) {
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    throw new InvalidParameterValueException(
      `Value ${shown} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${AWS_RUNTIMES.join(', ')}] or be a valid ARN`,
    );
  }
  if (!EMULATED_RUNTIMES.includes(value)) {
    throw new InvalidParameterValueException(
      `The runtime ${value} is valid on AWS but the emulator runs only ${EMULATED_RUNTIMES.join(', ')}. Use one of those runtimes.`,
    );
  }
  // A browser page's process (src/browser/shims/process.ts) says so: there, no python3 can be installed.
  if (value.startsWith('python') && (process as { browser?: boolean }).browser === true) {
    throw new InvalidParameterValueException(
      `The runtime ${value} cannot run in the browser page, which runs Node.js functions only. Use a nodejs runtime here, or run the lab with the kit on your machine (\`npm start\`), where Python functions run.`,
    );
  }
  if (value.startsWith('python') && !onPath('python3')) {
    throw new InvalidParameterValueException(
      `The runtime ${value} needs python3 on the emulator's PATH, and none was found. Install Python 3, or use a nodejs runtime.`,
    );
  }
  return value;
}

/** A handler like `index.handler`: no spaces, at most 128 characters. */
export function checkHandler(value: unknown): string {
  if (typeof value !== 'string' || value.length > 128 || !/^[^\s]+$/.test(value)) {
    throw invalid(value, 'handler', 'Member must satisfy regular expression pattern: [^\\s]+');
  }
  return value;
}

/** Timeout in seconds: 1 to 900. */
export function checkTimeout(value: unknown): number | undefined {
  return optionalInteger(value, 'timeout', 1, 900);
}

/** Memory in MB: the model allows 128-32768, Lambda itself 128-10240. */
export function checkMemorySize(value: unknown): number | undefined {
  const memory = optionalInteger(value, 'memorySize', 128, 32768);
  if (memory !== undefined && memory > 10240) {
    throw new InvalidParameterValueException("'MemorySize' value failed to satisfy constraint: Member must have value less than or equal to 10240");
  }
  return memory;
}

/** `Environment.Variables`: names Lambda allows, no reserved keys, 4 KB in all. */
export function checkEnvironment(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(value, 'environment', 'Member must be a structure');
  const variables = (value as { Variables?: unknown }).Variables ?? {};
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
    throw invalid(variables, 'environment.variables', 'Member must be a map');
  }
  const result: Record<string, string> = {};
  const reserved: string[] = [];
  for (const [key, item] of Object.entries(variables)) {
    if (!ENV_KEY.test(key)) {
      throw new LambdaValidationException(
        "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]",
      );
    }
    if (RESERVED_VARIABLES.has(key)) reserved.push(key);
    result[key] = typeof item === 'string' ? item : String(item);
  }
  if (reserved.length > 0) {
    throw new InvalidParameterValueException(
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`,
    );
  }
  const measured = JSON.stringify(result);
  if (Buffer.byteLength(measured) > ENV_LIMIT_BYTES) {
    throw new InvalidParameterValueException(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`,
    );
  }
  return result;
}

/** `Architectures`: exactly one of x86_64 and arm64. */
export function checkArchitectures(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const shown = `[${list.join(', ')}]`;
  if (list.length !== 1) throw invalid(shown, 'architectures', 'Member must have length less than or equal to 1');
  if (list[0] !== 'x86_64' && list[0] !== 'arm64') {
    throw invalid(shown, 'architectures', 'Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]');
  }
  return [list[0]];
}

/** `PackageType`: the emulator runs zip packages only. */
export function checkPackageType(value: unknown): 'Zip' {
  if (value === undefined || value === null || value === 'Zip') return 'Zip';
  if (value === 'Image') throw new InvalidParameterValueException('The emulator runs .zip deployment packages only (PackageType Zip); container images are not supported.');
  throw invalid(value, 'packageType', 'Member must satisfy enum value set: [Zip, Image]');
}

/**
 * DeadLetterConfig's TargetArn: an SQS queue or SNS topic ARN, or '' (which removes it on update).
 * Returns `undefined` when DeadLetterConfig or its TargetArn is absent.
 */
export function checkDeadLetterTarget(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const target = (value as { TargetArn?: unknown }).TargetArn;
  if (target === undefined || target === null || target === '') return target === '' ? '' : undefined;
  if (typeof target !== 'string' || !/^arn:aws[a-zA-Z-]*:(sqs|sns):[a-z0-9-]+:\d{12}:[^:]+$/.test(target)) {
    throw new InvalidParameterValueException(`The DeadLetterConfig TargetArn ${String(target)} is not the ARN of an SQS queue or an SNS topic; give the queue's or topic's ARN.`);
  }
  return target;
}

/** `TracingConfig.Mode`: Active or PassThrough (stored, not traced). */
export function checkTracingMode(value: unknown): string | undefined {
  const mode = (value as { Mode?: unknown } | undefined)?.Mode;
  if (mode === undefined || mode === null) return undefined;
  if (mode !== 'Active' && mode !== 'PassThrough') throw invalid(mode, 'tracingConfig.mode', 'Member must satisfy enum value set: [Active, PassThrough]');
  return mode;
}
