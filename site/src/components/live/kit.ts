/**
 * Browser helpers shared by the live components (lab progress, resource explorer, event flow):
 * where the learner's kit answers, fetching from it, polling while the page is visible, and the
 * message shown when no kit runs (a static deployment, or `npm start` not started yet).
 */

/** The emulator's address when nothing says otherwise. */
export const DEFAULT_EMULATOR = 'http://127.0.0.1:4566';

const LOCAL_URL = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;

/** Reads a port (`4567`) or a local origin (`http://localhost:4567`); anything else is ignored. */
function asEmulatorUrl(value: string | null): string | undefined {
  const text = value?.trim().replace(/\/+$/, '');
  if (!text) return undefined;
  if (/^\d{1,5}$/.test(text)) return `http://127.0.0.1:${text}`;
  return LOCAL_URL.test(text) ? text : undefined;
}

/**
 * The emulator's origin: `?emulator=` in the page's URL, else the `workshop-emulator`
 * localStorage key, else the address `workshop start` wrote into the page when it served it
 * (`<meta name="workshop-emulator">`; a build is made before the kit's port is known), else 4566.
 */
export function emulatorUrl(): string {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem('workshop-emulator');
  } catch {
    // Storage may be refused; the other sources stand.
  }
  const served = document.querySelector<HTMLMetaElement>('meta[name="workshop-emulator"]')?.content ?? null;
  return asEmulatorUrl(new URLSearchParams(location.search).get('emulator')) ?? asEmulatorUrl(stored) ?? asEmulatorUrl(served) ?? DEFAULT_EMULATOR;
}

/** Requests in flight, so components polling the same route at once share one request. */
const inFlight = new Map<string, Promise<unknown>>();

/** GETs a JSON route of the kit; rejects when nothing answers within two seconds. */
export function fetchKit<T>(path: string): Promise<T> {
  const url = `${emulatorUrl()}${path}`;
  let request = inFlight.get(url) as Promise<T> | undefined;
  if (!request) {
    request = (async () => {
      const response = await fetch(url, { cache: 'no-store', signal: AbortSignal.timeout(2000) });
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      return (await response.json()) as T;
    })().finally(() => inFlight.delete(url));
    inFlight.set(url, request);
  }
  return request;
}

/** Runs `refresh` now and every `everyMs` while the element is on the page and the tab is visible. */
export function poll(element: HTMLElement, everyMs: number, refresh: () => Promise<void>): void {
  let busy = false;
  const tick = async () => {
    if (busy || document.hidden) return;
    busy = true;
    try {
      await refresh();
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => (element.isConnected ? void tick() : clearInterval(timer)), everyMs);
  document.addEventListener('visibilitychange', () => void tick());
}

type Child = Node | string | null | undefined | false;

/** Builds an element; text goes in as text, never as HTML (the kit's data includes the learner's logs). */
export function h(tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

/** The arrow between two nodes of a flow picture (hidden from screen readers: the order says it). */
export function arrow(): HTMLElement {
  return h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→');
}

/** An arrow and the node it points at, kept together so no arrow is left pointing at the end of a line. */
export function step(node: HTMLElement): HTMLElement {
  return h('span', { class: 'step' }, arrow(), node);
}

/** Text in which `backticked` parts become <code>. */
export function withCode(text: string): Node[] {
  return text.split('`').map((part, index) => (index % 2 === 1 ? h('code', {}, part) : document.createTextNode(part)));
}

/** Replaces `target`'s contents with the "start your kit" message. */
export function showOffline(target: HTMLElement, message: string): void {
  target.replaceChildren(h('p', { class: 'kit-offline' }, ...withCode(message.replace('{url}', emulatorUrl()))));
}
