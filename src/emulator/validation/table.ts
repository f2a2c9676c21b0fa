/**
 * The shape of constraints.json, the table scripts/model-constraints.ts writes from AWS's service
 * models: for each validated service, its error code, the input shape of every emulated operation
 * and the constrained shapes below them.
 */
import data from './constraints.json' with { type: 'json' };

/** A structure member: name, its shape (null when only its presence is checked), 1 when required. */
export type MemberEntry = [name: string, shape: string | null, required?: 1];

/** One shape's constraints; only what the model constrains is present. */
export interface Shape {
  t: 'string' | 'number' | 'blob' | 'list' | 'map' | 'structure';
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  /** AWS leaves the value out of its message ("Value at 'x'"): sensitive members. */
  hide?: true;
  members?: MemberEntry[];
  /** A list's member shape, when it is constrained. */
  member?: string;
  /** A map's key and value shapes, when constrained. */
  key?: string;
  value?: string;
}

/** The constraints of one service. */
export interface ServiceConstraints {
  /** The error code AWS answers a failed constraint with. */
  code: string;
  /** Every emulated operation the model has, with its input shape (null when nothing in it is constrained). */
  operations: Record<string, string | null>;
  shapes: Record<string, Shape>;
}

/** The whole committed file. */
export interface ConstraintFile {
  generatedBy: string;
  botocore: string;
  /** Each service's model, as `<service>/<api version>` under botocore's data folder. */
  models: Record<string, string>;
  services: Record<string, ServiceConstraints>;
}

/** The committed table. */
export const CONSTRAINTS = data as unknown as ConstraintFile;
