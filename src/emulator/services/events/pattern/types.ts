/** The compiled form of an event pattern: a tree of fields whose leaves hold value matchers. */

/** A value an event field can hold at a leaf. */
export type Leaf = string | number | boolean | null;

/** Operator families, as the pattern writes them (a bare value is `exact`). */
export type MatcherKind =
  | 'exact'
  | 'prefix'
  | 'suffix'
  | 'equals-ignore-case'
  | 'wildcard'
  | 'numeric'
  | 'cidr'
  | 'exists'
  | 'anything-but';

/** One element of a field's value list, compiled once and tested against many events. */
export interface ValueMatcher {
  readonly kind: MatcherKind;
  /** The element as the pattern wrote it (JSON), for messages. */
  readonly text: string;
  /** True when the leaf value matches. Never called for `exists`, which is about presence. */
  test(value: Leaf): boolean;
  /** Why `value` does not match, as one sentence for a learner. */
  explain(value: Leaf): string;
}

/** A field of the pattern whose value is a list of matchers (any one may match). */
export interface LeafField {
  readonly name: string;
  readonly path: string;
  readonly matchers: readonly ValueMatcher[];
  /** `{"exists": true}` is in the list. */
  readonly existsTrue: boolean;
  /** `{"exists": false}` is in the list. */
  readonly existsFalse: boolean;
  readonly child?: undefined;
}

/** A field of the pattern whose value is a nested pattern object. */
export interface ObjectField {
  readonly name: string;
  readonly path: string;
  readonly child: ObjectNode;
  readonly matchers?: undefined;
}

/** A pattern object: every field must match (AND) and, for each `$or`, one alternative must. */
export interface ObjectNode {
  readonly fields: readonly (LeafField | ObjectField)[];
  readonly ors: readonly (readonly ObjectNode[])[];
  /** Dotted path of this object, for messages about `$or`. */
  readonly path: string;
}

/** A validated, compiled event pattern; compile once with parsePattern, match many events. */
export interface CompiledPattern {
  /** The pattern as normalized JSON text. */
  readonly source: string;
  readonly root: ObjectNode;
}

/** The outcome of matching one event: which field failed first, and why. */
export type MatchResult = { matched: true } | { matched: false; field: string; reason: string };
