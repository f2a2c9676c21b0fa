/** The contract of a resource provisioner: how one resource type is created, updated and deleted. */
import type { Emulator } from '../../../emulator.ts';

/** What a provisioner made: the physical id, the value Ref returns and the attributes Fn::GetAtt reads. */
export interface Provisioned {
  physicalId: string;
  /** What `Ref` returns; the physical id when absent. */
  ref?: unknown;
  attributes?: Record<string, unknown>;
  /** What the emulator kept without applying, shown as the reason of the resource's COMPLETE event. */
  note?: string;
}

/** A resource as it exists: what update and delete start from. */
export interface Existing extends Provisioned {
  properties: Record<string, unknown>;
}

/** Where a provisioner works: the stack's account and region, through the services' own operations. */
export interface ProvisionContext {
  emulator: Emulator;
  account: string;
  region: string;
  stackName: string;
  stackId: string;
  logicalId: string;
  /** Calls an operation of another service as the stack's account, as a client would. */
  call(service: string, operation: string, input: Record<string, unknown>): Promise<any>;
  /** The name CloudFormation generates when a template names none: `stack-Logical-RANDOM`, cut to `maxLength`. */
  generatedName(maxLength: number, options?: { lowercase?: boolean; suffix?: string }): string;
  /** Waits, scaled by the emulator's time factor. */
  sleep(milliseconds: number): Promise<void>;
}

/** How one resource type is provisioned. */
export interface Provisioner {
  /** The properties this provisioner understands; a template that sets any other fails the resource. */
  properties: readonly string[];
  /** Properties without which the resource cannot be made. */
  required?: readonly string[];
  /** Properties whose change replaces the resource (Replacement: True); without `update`, every change does. */
  replaceOn?: readonly string[];
  /** The property that names the resource: with it set, a replacement needs a new name, as on AWS. */
  nameProperty?: string;
  create(properties: Record<string, any>, context: ProvisionContext): Promise<Provisioned>;
  /** An update in place; returns the new Ref and attributes. */
  update?(properties: Record<string, any>, existing: Existing, context: ProvisionContext): Promise<Provisioned>;
  delete(existing: Existing, context: ProvisionContext): Promise<void>;
}

/** A number property given as text (a parameter's value) as the number a service expects. */
export function numberOf(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return Number(value);
}

/** A boolean property given as text as a boolean. */
export function booleanOf(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  return value === true || value === 'true';
}

/** A value a service takes as JSON text: an object written as JSON, text as is. */
export function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Tags given as `[{ Key, Value }]` as a map. */
export function tagMap(tags: unknown): Record<string, string> | undefined {
  if (!Array.isArray(tags) || tags.length === 0) return undefined;
  return Object.fromEntries(tags.map((tag: any) => [String(tag.Key), String(tag.Value)]));
}

/** Ignores a not-found answer on delete: a resource already gone is deleted. */
export async function ignoringNotFound(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!/NotFound|NoSuch|NonExistent|DoesNotExist/.test(code)) throw error;
  }
}
