/** `node:events` in a page: a small EventEmitter with Node's core methods. */

type Listener = (...args: any[]) => void;

/** Node's EventEmitter, without captureRejections or error monitors. */
export class EventEmitter {
  private readonly handlers = new Map<string | symbol, Listener[]>();
  static defaultMaxListeners = 10;

  on(event: string | symbol, listener: Listener): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener]);
    return this;
  }

  addListener(event: string | symbol, listener: Listener): this {
    return this.on(event, listener);
  }

  prependListener(event: string | symbol, listener: Listener): this {
    this.handlers.set(event, [listener, ...(this.handlers.get(event) ?? [])]);
    return this;
  }

  once(event: string | symbol, listener: Listener): this {
    const wrapped: Listener & { listener?: Listener } = (...args) => {
      this.off(event, wrapped);
      listener.apply(this, args);
    };
    wrapped.listener = listener;
    return this.on(event, wrapped);
  }

  off(event: string | symbol, listener: Listener): this {
    const list = this.handlers.get(event);
    if (!list) return this;
    const index = list.findIndex((item) => item === listener || (item as { listener?: Listener }).listener === listener);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.handlers.delete(event);
    return this;
  }

  removeListener(event: string | symbol, listener: Listener): this {
    return this.off(event, listener);
  }

  removeAllListeners(event?: string | symbol): this {
    if (event === undefined) this.handlers.clear();
    else this.handlers.delete(event);
    return this;
  }

  emit(event: string | symbol, ...args: unknown[]): boolean {
    const list = this.handlers.get(event);
    if (!list || list.length === 0) {
      if (event === 'error') throw args[0] instanceof Error ? args[0] : new Error(`Unhandled error: ${String(args[0])}`);
      return false;
    }
    for (const listener of [...list]) listener.apply(this, args);
    return true;
  }

  listeners(event: string | symbol): Listener[] {
    return [...(this.handlers.get(event) ?? [])];
  }

  listenerCount(event: string | symbol): number {
    return this.handlers.get(event)?.length ?? 0;
  }

  eventNames(): Array<string | symbol> {
    return [...this.handlers.keys()];
  }

  setMaxListeners(): this {
    return this;
  }

  getMaxListeners(): number {
    return EventEmitter.defaultMaxListeners;
  }
}

/** Resolves with the arguments of the next `event`. */
export function once(emitter: EventEmitter, event: string): Promise<unknown[]> {
  return new Promise((resolve) => emitter.once(event, (...args) => resolve(args)));
}

export default EventEmitter;
