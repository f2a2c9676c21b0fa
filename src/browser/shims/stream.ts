/**
 * `node:stream` in a page: the class names libraries extend at load time (memfs's file streams),
 * with enough behaviour to push data through; the emulator itself never streams in a page.
 */
import { EventEmitter } from './events.ts';

/** A minimal Readable: `push` emits data, `null` ends it. */
export class Readable extends EventEmitter {
  readable = true;
  destroyed = false;

  constructor(_options?: unknown) {
    super();
  }

  push(chunk: unknown): boolean {
    if (chunk === null) queueMicrotask(() => this.emit('end'));
    else this.emit('data', chunk);
    return true;
  }

  pipe<T extends { write(chunk: unknown): unknown; end(): unknown }>(destination: T): T {
    this.on('data', (chunk) => destination.write(chunk));
    this.on('end', () => destination.end());
    return destination;
  }

  destroy(error?: Error): this {
    this.destroyed = true;
    if (error) this.emit('error', error);
    this.emit('close');
    return this;
  }
}

/** A minimal Writable that calls `_write` for each chunk. */
export class Writable extends EventEmitter {
  writable = true;
  destroyed = false;

  constructor(_options?: unknown) {
    super();
  }

  _write(_chunk: unknown, _encoding: string, callback: (error?: Error | null) => void): void {
    callback();
  }

  write(chunk: unknown, encoding?: string | (() => void), callback?: () => void): boolean {
    const done = typeof encoding === 'function' ? encoding : callback;
    this._write(chunk, typeof encoding === 'string' ? encoding : 'utf8', (error) => (error ? this.emit('error', error) : done?.()));
    return true;
  }

  end(callback?: () => void): this {
    queueMicrotask(() => {
      this.emit('finish');
      this.emit('close');
      callback?.();
    });
    return this;
  }

  destroy(error?: Error): this {
    this.destroyed = true;
    if (error) this.emit('error', error);
    this.emit('close');
    return this;
  }
}

/** Both ends, minimal. */
export class Duplex extends Readable {}
/** A pass-through stream, minimal. */
export class PassThrough extends Duplex {}
/** A transform stream, minimal. */
export class Transform extends Duplex {}
export default { Readable, Writable, Duplex, PassThrough, Transform };
