/**
 * The browser APIs the page code uses beyond what the project's libraries declare (the project
 * type-checks against Node.js only): Workers, IndexedDB and worker error events, as far as used.
 */

type Transferable = ArrayBuffer | MessagePort;

interface ErrorEvent extends Event {
  readonly message: string;
  readonly error: unknown;
}

interface PromiseRejectionEvent extends Event {
  readonly reason: unknown;
  readonly promise: Promise<unknown>;
}

interface Worker extends EventTarget {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void, options?: { once?: boolean }): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
}
declare var Worker: { new (url: string | URL, options?: { type?: 'module' | 'classic'; name?: string }): Worker };

interface IDBRequest<T = unknown> {
  readonly result: T;
  readonly error: DOMException | null;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface IDBOpenDBRequest extends IDBRequest<IDBDatabase> {
  onupgradeneeded: (() => void) | null;
}
interface IDBObjectStore {
  getAll(): IDBRequest<unknown[]>;
  getAllKeys(): IDBRequest<Array<string | number>>;
  put(value: unknown, key?: string): IDBRequest<unknown>;
  delete(key: string): IDBRequest<undefined>;
  clear(): IDBRequest<undefined>;
}
interface IDBTransaction {
  objectStore(name: string): IDBObjectStore;
  readonly error: DOMException | null;
  oncomplete: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}
interface IDBDatabase {
  createObjectStore(name: string): IDBObjectStore;
  transaction(stores: string[], mode: 'readonly' | 'readwrite'): IDBTransaction;
  close(): void;
}
declare var indexedDB: { open(name: string, version?: number): IDBOpenDBRequest; deleteDatabase(name: string): IDBRequest<undefined> };

declare module '*bootstrap/node-errors.mjs' {
  /** Node's Error takes any value as its message. */
  class RuntimeError extends Error {
    constructor(message?: unknown);
  }
  export class ImportModuleError extends RuntimeError {}
  export class HandlerNotFound extends RuntimeError {}
  export class MalformedHandlerName extends RuntimeError {}
  export class UserCodeSyntaxError extends RuntimeError {}
  export class CallbackHandlerDeprecated extends Error {}
  export class NodeJsExit extends Error {}
  export class JSONStringifyError extends Error {}
  export class UnhandledPromiseRejection extends Error {
    constructor(reason: unknown, promise: Promise<unknown>);
  }
  export function toRapidResponse(error: unknown): { errorType: string; errorMessage: string; trace?: string[] };
  export function toFormatted(error: unknown): string;
}

declare module '*bootstrap/handler-name.mjs' {
  /** The handler function a handler name names, its module loaded by `load`; throws the runtime's Runtime.* errors. */
  export function findHandler(fullHandler: string, executionEnv: string | undefined, load: (moduleRoot: string, moduleName: string) => Promise<unknown>): Promise<(...args: unknown[]) => unknown>;
}
