/**
 * Links that leave the site, checked without the network: each must be https, carry no tracking
 * or credentials, and point at an official source (AWS's documentation and sites, AWS's GitHub
 * organisations, the Node.js and Astro documentation). Whether the page still exists is for a
 * person with a browser; what can be known offline is checked on every run.
 */

/** Where a lesson may send a learner: a host, and for shared hosts the paths that belong to the source. */
export const OFFICIAL_SOURCES: ReadonlyArray<{ host: string; path?: RegExp; what: string }> = [
  { host: 'docs.aws.amazon.com', what: 'the AWS documentation' },
  { host: 'aws.amazon.com', what: 'AWS pages (pricing, blogs, announcements)' },
  { host: 'github.com', path: /^\/(aws|aws-samples|awslabs|aws-powertools)(\/|$)/, what: "AWS's GitHub organisations" },
  { host: 'nodejs.org', path: /^\/(api|docs|[a-z]{2}\/learn)(\/|$)/, what: 'the Node.js documentation' },
  { host: 'docs.astro.build', what: 'the Astro documentation' },
  { host: 'starlight.astro.build', what: 'the Starlight documentation' },
];

/** Query parameters that track a reader rather than address a page. */
const TRACKING = /^(utm_\w+|gclid|fbclid|msclkid|dclid|mc_cid|mc_eid|trk|trkCampaign|sc_\w+|icid|ref|ref_|nc1|nc2|s_kwcid|ef_id|_hsenc|_hsmi)$/i;

/** What is wrong with an external link, or undefined when it passes. */
export function externalLinkProblem(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.protocol !== 'https:') return `uses ${url.protocol.replace(':', '')}, not https`;
  if (url.username || url.password) return 'carries credentials';
  if (url.port) return `names a port (${url.port})`;
  const source = OFFICIAL_SOURCES.find((candidate) => candidate.host === url.hostname.toLowerCase() && (!candidate.path || candidate.path.test(url.pathname)));
  if (!source) return `is not an official source (allowed: ${OFFICIAL_SOURCES.map((candidate) => candidate.host + (candidate.path ? ' ' + candidate.what : '')).join(', ')})`;
  const tracking = [...url.searchParams.keys()].filter((name) => TRACKING.test(name));
  if (tracking.length > 0) return `has tracking parameters (${tracking.join(', ')})`;
  return undefined;
}

/** Whether a link leaves the site (an absolute or protocol-relative URL, not a page path or a fragment). */
export function isExternal(link: string): boolean {
  // mailto: and inline data: address no page; any other scheme (http:, javascript:) is checked and refused.
  return link.startsWith('//') || (/^[a-z][a-z\d+.-]*:/i.test(link) && !/^(mailto|data):/i.test(link));
}

/** The external links of a page's MDX source: Markdown links, autolinks and href attributes, outside code. */
export function externalLinksInMdx(source: string): string[] {
  const prose = source.replace(/^```[\s\S]*?^```/gm, ' ').replace(/`[^`\n]*`/g, ' ');
  const links = [
    ...[...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((found) => found[1]!),
    ...[...prose.matchAll(/<((?:https?:)?\/\/[^>\s]+)>/g)].map((found) => found[1]!),
    ...[...prose.matchAll(/\shref=["']([^"']+)["']/g)].map((found) => found[1]!),
  ];
  return links.filter(isExternal);
}

/** The external links of a built HTML page. */
export function externalLinksInHtml(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((found) => found[1]!.replaceAll('&amp;', '&')).filter(isExternal);
}
