/**
 * What TestEventPattern takes as an event: a JSON object with the envelope fields EventBridge puts
 * on every event. Kept free of Node's modules so the site's pattern playground can say the same.
 */

/**
 * The fields TestEventPattern insists on. AWS's reference also lists `resources`, but AWS accepts
 * an event without it.
 */
export const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'] as const;

/** The envelope fields an event lacks: all of them when it is not a JSON object at all. */
export function missingEventFields(event: unknown): string[] {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return [...REQUIRED_EVENT_FIELDS];
  return REQUIRED_EVENT_FIELDS.filter((field) => !Object.hasOwn(event, field));
}
