/**
 * What Lambda's pollers for every event source share: a tick that finds the enabled mappings a
 * poller reads for and starts one loop per mapping (never two), and a stop that ends them after
 * their current batch. The SQS and the stream pollers say which mappings are theirs and what a
 * loop does.
 */
import type { Emulator } from '../../../emulator.ts';
import type { LambdaState } from '../model.ts';
import { mappingState, mappingsOf, type EventSourceMappingRecord } from './mappings.ts';

/** One reading loop per enabled mapping of the poller's kind, for as long as the emulator runs. */
export abstract class MappingLoops {
  protected readonly emulator: Emulator;
  protected readonly serviceName: string;
  /** True once the emulator stops: loops end after their current batch. */
  protected stopped = false;
  private readonly running = new Set<string>();
  private readonly tickMs: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(emulator: Emulator, serviceName: string, tickMs: number) {
    this.emulator = emulator;
    this.serviceName = serviceName;
    this.tickMs = tickMs;
  }

  /** Starts looking for mappings to read for. */
  start(): void {
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
  }

  /** Stops every loop after its current batch. */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** True when `record` is this poller's to read (an SQS queue's, a stream's). */
  protected abstract takes(record: EventSourceMappingRecord): boolean;

  /** Reads for the mapping `uuid` until it is disabled, deleted or the emulator stops. */
  protected abstract loop(state: LambdaState, uuid: string, scope: { account: string; region: string }): Promise<void>;

  private tick(): void {
    for (const { account, region, state } of this.emulator.store.scopesOf<LambdaState>(this.serviceName)) {
      for (const record of mappingsOf(state).values()) {
        if (this.running.has(record.uuid) || mappingState(record) !== 'Enabled' || !this.takes(record)) continue;
        this.running.add(record.uuid);
        void this.loop(state, record.uuid, { account, region }).finally(() => this.running.delete(record.uuid));
      }
    }
  }
}
