/** `node:url` in a page: the WHATWG URL classes and file URL conversions over the in-memory file system. */

/** The path of a file URL; for a page's own http(s) URL (import.meta.url in a bundle), its path. */
export function fileURLToPath(url: string | URL): string {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  return decodeURIComponent(parsed.pathname);
}

/** The file URL of an absolute path. */
export function pathToFileURL(path: string): URL {
  return new URL(`file://${encodeURI(path.startsWith('/') ? path : `/${path}`).replace(/[?#]/g, encodeURIComponent)}`);
}

/** The page's URL class. */
export const URL = globalThis.URL;
/** The page's URLSearchParams class. */
export const URLSearchParams = globalThis.URLSearchParams;

/** Node's legacy `url.format` for a URL object. */
export function format(url: URL | string): string {
  return String(url);
}

export default { fileURLToPath, pathToFileURL, URL, URLSearchParams, format };
