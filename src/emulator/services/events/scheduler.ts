/**
 * Fires scheduled rules. Time runs on a clock scaled by the emulator's time factor, so with a
 * factor of 0.001 a `rate(5 minutes)` rule fires every 300 ms of real time.
 */
import type { Emulator } from '../../emulator.ts';
import type { DeliveryQueue } from './delivery.ts';
import type { EventsState } from './model.ts';
import { newEvent, queueTargets } from './put-events.ts';
import { nextFireTime, parseSchedule } from './schedule.ts';

const TICK_MS = 50;

/** Runs every account's scheduled rules while the emulator runs. */
export class Scheduler {
  private readonly emulator: Emulator;
  private readonly queue: DeliveryQueue;
  private readonly serviceName: string;
  private readonly next = new Map<string, number>();
  private readonly startedAt = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(emulator: Emulator, queue: DeliveryQueue, serviceName: string) {
    this.emulator = emulator;
    this.queue = queue;
    this.serviceName = serviceName;
  }

  /** The scheduler's notion of now: real time since start, divided by the time factor. */
  now(): number {
    const factor = this.emulator.timeFactor || 1;
    return this.startedAt + (Date.now() - this.startedAt) / factor;
  }

  /** Starts ticking. */
  start(): void {
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** Stops ticking. */
  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const now = this.now();
    const seen = new Set<string>();
    for (const { account, region, state } of this.emulator.store.scopesOf<EventsState>(this.serviceName)) {
      for (const rule of Object.values(state.rules)) {
        if (!rule.ScheduleExpression || rule.State === 'DISABLED') continue;
        const key = `${account}/${region}/${rule.Arn}/${rule.ScheduleExpression}`;
        seen.add(key);
        let schedule;
        try {
          schedule = parseSchedule(rule.ScheduleExpression);
        } catch {
          // State saved by an older emulator may hold an expression PutRule now refuses: skip it rather than stop every schedule.
          continue;
        }
        let due = this.next.get(key) ?? nextFireTime(schedule, now, this.startedAt);
        if (due === undefined) continue;
        if (due <= now) {
          const event = newEvent({ account, region }, { source: 'aws.events', detailType: 'Scheduled Event', detail: {}, resources: [rule.Arn], time: new Date(due) });
          this.emulator.trace.record({ account, region, kind: 'rule-matched', eventId: event.id, bus: rule.EventBusName, rule: rule.Name, detail: `schedule ${rule.ScheduleExpression} fired` });
          queueTargets(this.queue, { account, region }, rule.EventBusName, rule, event, new Date().toISOString());
          due = nextFireTime(schedule, due, this.startedAt);
          if (due === undefined) continue;
        }
        this.next.set(key, due);
      }
    }
    for (const key of this.next.keys()) if (!seen.has(key)) this.next.delete(key);
  }
}
