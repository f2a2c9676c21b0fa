/**
 * Reads a secret once per execution environment and keeps it for a while, so a warm function
 * does not call Secrets Manager or Parameter Store on every invocation, yet sees a rotated value.
 */

/** Returns a getter that calls `load` at most once per `ttlMs` (concurrent callers share one load). */
export function cachedSecret(load: () => Promise<string>, ttlMs = 5 * 60_000): () => Promise<string> {
  let value: Promise<string> | undefined;
  let loadedAt = 0;
  return () => {
    if (!value || Date.now() - loadedAt > ttlMs) {
      loadedAt = Date.now();
      value = load().catch((error: unknown) => {
        value = undefined; // a failed load is not cached
        throw error;
      });
    }
    return value;
  };
}
