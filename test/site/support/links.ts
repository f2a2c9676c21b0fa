/** A link checker for a built static site: every root-relative href/src must name a file, and every #fragment an id on that page. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One link that leads nowhere. */
export interface BrokenLink {
  page: string;
  link: string;
  why: string;
}

/** Every .html file under `dir`, as paths relative to it. */
export function htmlPages(dir: string): string[] {
  const pages: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.html')) pages.push(relative(dir, path));
    }
  };
  walk(dir);
  return pages.sort();
}

/** The file a root-relative URL path serves, as a static host would, or undefined. */
export function fileFor(dir: string, urlPath: string): string | undefined {
  const path = decodeURIComponent(urlPath);
  const candidates = path.endsWith('/') ? [join(dir, path, 'index.html')] : [join(dir, path), join(dir, path, 'index.html'), join(dir, `${path}.html`)];
  const root = join(dir, '/');
  return candidates.find((candidate) => candidate.startsWith(root) && existsSync(candidate) && statSync(candidate).isFile());
}

const ids = new Map<string, Set<string>>();

function idsOf(file: string): Set<string> {
  let found = ids.get(file);
  if (!found) {
    found = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!));
    ids.set(file, found);
  }
  return found;
}

/** Checks every `href`/`src` of every page under `dir` that starts with `/` or `#`. */
export function brokenLinks(dir: string): { pages: number; links: number; broken: BrokenLink[] } {
  const broken: BrokenLink[] = [];
  const pages = htmlPages(dir);
  let links = 0;
  for (const page of pages) {
    const file = join(dir, page);
    const html = readFileSync(file, 'utf8');
    for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const link = match[1]!.replaceAll('&amp;', '&');
      if (!link.startsWith('/') && !link.startsWith('#')) continue;
      if (link.startsWith('//')) continue;
      links += 1;
      const [pathAndQuery, fragment] = link.split('#', 2) as [string, string | undefined];
      const path = pathAndQuery.split('?')[0]!;
      const target = path === '' ? file : fileFor(dir, path);
      if (!target) {
        broken.push({ page, link, why: 'no such file' });
        continue;
      }
      // `#_top` is Starlight's "back to top" target, provided by the page's script-free layout.
      if (fragment && fragment !== '_top' && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(fragment))) {
        broken.push({ page, link, why: `no element with id "${fragment}"` });
      }
    }
  }
  return { pages: pages.length, links, broken };
}
