/**
 * Writes execution environments' log lines to CloudWatch Logs through the emulator's own Logs API
 * (CreateLogGroup, CreateLogStream, PutLogEvents), batched and bounded: a function that prints
 * megabytes of logs, or an emulator without a Logs service, never grows the emulator's memory.
 */
import { randomBytes } from 'node:crypto';
import type { Emulator } from '../../../emulator.ts';
import { isAwsError } from '../../../errors.ts';
import { callAs } from '../../../policy/acting-as.ts';
import type { FunctionRuntimeConfig } from './types.ts';

/** CloudWatch Logs' largest event: 256 KB including 26 bytes of overhead per event. */
export const MAX_EVENT_BYTES = 256 * 1024 - 26;
/** PutLogEvents takes at most 1 MB and 10,000 events per call. */
const MAX_BATCH_BYTES = 1024 * 1024;
const MAX_BATCH_EVENTS = 10_000;
/** Lines waiting for the Logs service beyond this are dropped, oldest first. */
const MAX_PENDING_BYTES = 8 * 1024 * 1024;

interface PendingEvent {
  timestamp: number;
  message: string;
  bytes: number;
}

/** The stream name Lambda gives an execution environment: `YYYY/MM/DD/[version]<32 hex>`. */
export function logStreamName(version: string, now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[${version}]${randomBytes(16).toString('hex')}`;
}

/** Cuts a message to CloudWatch Logs' event size limit. */
export function truncateEvent(message: string): string {
  if (message.length * 3 <= MAX_EVENT_BYTES) return message;
  const bytes = Buffer.from(message, 'utf8');
  if (bytes.length <= MAX_EVENT_BYTES) return message;
  return bytes.subarray(0, MAX_EVENT_BYTES).toString('utf8');
}

/** One log stream of one execution environment. */
export class LogStream {
  readonly groupName: string;
  readonly streamName: string;
  private readonly writer: LogWriter;
  private readonly scope: { account: string; region: string };
  /** Lambda writes a function's logs with its execution role: without logs:* permissions no logs appear, as on AWS. */
  private readonly accessKeyId: string | undefined;
  private pending: PendingEvent[] = [];
  private pendingBytes = 0;
  private lastTimestamp = 0;
  private created = false;
  private flushing: Promise<void> | undefined;
  private scheduled = false;

  constructor(writer: LogWriter, config: FunctionRuntimeConfig, streamName: string) {
    this.writer = writer;
    this.groupName = config.logGroupName;
    this.streamName = streamName;
    this.scope = { account: config.account, region: config.region };
    this.accessKeyId = config.credentials?.accessKeyId;
  }

  /** Queues one event; `message` should end with a newline, as Lambda's events do. */
  append(message: string): void {
    if (!this.writer.enabled) return;
    // A copy of its own: a line cut from a larger chunk of output would keep all of that chunk alive
    // for as long as CloudWatch Logs keeps the event.
    const encoded = Buffer.from(truncateEvent(message), 'utf8');
    const text = encoded.toString('utf8');
    const timestamp = Math.max(Date.now(), this.lastTimestamp);
    this.lastTimestamp = timestamp;
    const bytes = encoded.length + 26;
    this.pending.push({ timestamp, message: text, bytes });
    this.pendingBytes += bytes;
    while (this.pendingBytes > MAX_PENDING_BYTES && this.pending.length > 1) this.pendingBytes -= this.pending.shift()!.bytes;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.flush();
      });
    }
  }

  /** Sends what is queued; resolves when it is written (or given up on). */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => (this.pending.length ? this.flush() : undefined));
    if (this.pending.length === 0) return Promise.resolve();
    this.flushing = this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      let bytes = 0;
      let count = 0;
      while (count < this.pending.length && count < MAX_BATCH_EVENTS && bytes + this.pending[count]!.bytes <= MAX_BATCH_BYTES) {
        bytes += this.pending[count]!.bytes;
        count += 1;
      }
      const batch = this.pending.splice(0, Math.max(count, 1));
      this.pendingBytes -= batch.reduce((sum, event) => sum + event.bytes, 0);
      await this.put(batch);
    }
  }

  private async put(batch: PendingEvent[]): Promise<void> {
    const logEvents = batch.map(({ timestamp, message }) => ({ timestamp, message }));
    const input = { logGroupName: this.groupName, logStreamName: this.streamName, logEvents };
    try {
      if (!this.created) await this.create();
      await callAs(this.writer.emulator, this.accessKeyId, 'logs', 'PutLogEvents', input, this.scope);
    } catch (error) {
      if (!isAwsError(error) || error.code !== 'ResourceNotFoundException') return this.writer.failed(error);
      // The group or stream was deleted while the function ran: Lambda creates them again.
      try {
        this.created = false;
        await this.create();
        await callAs(this.writer.emulator, this.accessKeyId, 'logs', 'PutLogEvents', input, this.scope);
      } catch (again) {
        this.writer.failed(again);
      }
    }
  }

  private async create(): Promise<void> {
    await this.writer.ensureGroup(this.groupName, this.scope, this.accessKeyId);
    await ignoreExisting(callAs(this.writer.emulator, this.accessKeyId, 'logs', 'CreateLogStream', { logGroupName: this.groupName, logStreamName: this.streamName }, this.scope));
    this.created = true;
  }
}

async function ignoreExisting(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (!isAwsError(error) || error.code !== 'ResourceAlreadyExistsException') throw error;
  }
}

/** Creates log streams for environments and remembers which log groups exist already. */
export class LogWriter {
  readonly emulator: Emulator;
  private readonly groups = new Set<string>();
  private warned = false;

  constructor(emulator: Emulator) {
    this.emulator = emulator;
  }

  /** False when the emulator runs without CloudWatch Logs: lines are then only kept for `LogType: Tail`. */
  get enabled(): boolean {
    return this.emulator.services.has('logs');
  }

  /** A new stream for a new environment of `config`. */
  openStream(config: FunctionRuntimeConfig): LogStream {
    return new LogStream(this, config, logStreamName(config.version));
  }

  /** Creates the log group once per account and region, as Lambda does on first write. */
  async ensureGroup(name: string, scope: { account: string; region: string }, accessKeyId?: string): Promise<void> {
    const key = `${scope.account}/${scope.region}/${name}`;
    if (this.groups.has(key)) return;
    try {
      await ignoreExisting(callAs(this.emulator, accessKeyId, 'logs', 'CreateLogGroup', { logGroupName: name }, scope));
    } catch (error) {
      // A role without logs:CreateLogGroup still writes to a group that exists already, as on AWS.
      if (isAwsError(error) && error.code === 'AccessDeniedException') return;
      throw error;
    }
    this.groups.add(key);
  }

  /** Notes a write that failed; logs are best effort, as a function never fails for them. */
  failed(error: unknown): void {
    this.groups.clear();
    if (this.warned) return;
    this.warned = true;
    this.emulator.log(`lambda: writing function logs to CloudWatch Logs failed: ${(error as Error)?.message ?? String(error)}`);
  }
}
