/**
 * Input validation from AWS's service models: before an operation runs, its decoded input is
 * checked against the constraints AWS publishes (required, length, range, enum, pattern) and a
 * failure is answered with the service's own error code and AWS's words. Services that AWS does
 * not validate this way (SQS, S3) have no table and pass through.
 */
import { AwsError } from '../errors.ts';
import { ShapeCompiler, type Node } from './compile.ts';
import { CONSTRAINTS } from './table.ts';
import { violations } from './validate.ts';

interface ServiceValidator {
  code: string;
  compiler: ShapeCompiler;
  /** Compiled input shapes by operation; null for an operation with nothing to check. */
  operations: Map<string, Node | null>;
}

const validators = new Map<string, ServiceValidator | null>();

function validatorOf(service: string): ServiceValidator | null {
  let validator = validators.get(service);
  if (validator !== undefined) return validator;
  const constraints = Object.hasOwn(CONSTRAINTS.services, service) ? CONSTRAINTS.services[service] : undefined;
  validator = constraints ? { code: constraints.code, compiler: new ShapeCompiler(constraints), operations: new Map() } : null;
  validators.set(service, validator);
  return validator;
}

function shapeOf(validator: ServiceValidator, service: string, operation: string): Node | null {
  let node = validator.operations.get(operation);
  if (node !== undefined) return node;
  const table = CONSTRAINTS.services[service]!.operations;
  node = validator.compiler.node(Object.hasOwn(table, operation) ? table[operation] : null) ?? null;
  validator.operations.set(operation, node);
  return node;
}

/** The error AWS answers `input` with, or undefined when it meets every constraint of the operation's model. */
export function inputError(service: string, operation: string, input: Record<string, unknown>): AwsError | undefined {
  const validator = validatorOf(service);
  if (!validator) return undefined;
  const shape = shapeOf(validator, service, operation);
  if (!shape) return undefined;
  const message = violations(shape, input);
  return message === undefined ? undefined : new AwsError(validator.code, message, { status: 400 });
}

/** True when `service` checks its input against a constraint table. */
export function isValidated(service: string): boolean {
  return validatorOf(service) !== null;
}
