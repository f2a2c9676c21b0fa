/**
 * aws:SecureTransport of a request. The emulator listens on plain HTTP only and stands in for the
 * HTTPS every SDK uses against AWS's API, so a request counts as TLS unless the proxy in front of
 * it says otherwise: X-Forwarded-Proto is the header a TLS-terminating proxy sets to the scheme
 * the client used, and `http` there is a request that reached it without TLS.
 */

/** 'false' when X-Forwarded-Proto says the client used plain HTTP, else 'true'. */
export function secureTransport(headers: Record<string, string | undefined>): 'true' | 'false' {
  // A chain of proxies lists schemes left to right; the first is the client's.
  const scheme = headers['x-forwarded-proto']?.split(',')[0]?.trim().toLowerCase();
  return scheme === 'http' ? 'false' : 'true';
}
