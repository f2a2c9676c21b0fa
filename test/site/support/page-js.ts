/**
 * Measures the JavaScript a page loads before anyone interacts with it: inline scripts, module
 * scripts, and what those import statically (chunks shared by several components count once).
 * Dynamic import() is left out: it loads on demand (Starlight's search UI when opened).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, posix } from 'node:path';

/** Bytes of JavaScript one page loads up front. */
export interface PageJs {
  raw: number;
  gzip: number;
  files: string[];
}

const STATIC_IMPORT = /(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g;

/** The JavaScript `page` (relative to `dist`) loads up front. */
export function pageJs(dist: string, page: string): PageJs {
  const html = readFileSync(join(dist, page), 'utf8');
  const chunks: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attributes = match[1]!;
    if (/type="(application\/(ld\+)?json|text\/template)"/.test(attributes)) continue;
    if (match[2]!.trim()) chunks.push(match[2]!);
  }
  const seen = new Set<string>();
  const visit = (url: string) => {
    if (seen.has(url)) return;
    seen.add(url);
    const code = readFileSync(join(dist, url), 'utf8');
    chunks.push(code);
    for (const found of code.matchAll(STATIC_IMPORT)) {
      const spec = found[1]!;
      if (spec.startsWith('.') || spec.startsWith('/')) visit(spec.startsWith('/') ? spec : posix.join(dirname(url), spec));
    }
  };
  for (const match of html.matchAll(/<script\b[^>]*\ssrc="(\/[^"]+)"/g)) visit(match[1]!);
  const all = Buffer.from(chunks.join('\n'));
  return { raw: all.length, gzip: gzipSync(all).length, files: [...seen] };
}
