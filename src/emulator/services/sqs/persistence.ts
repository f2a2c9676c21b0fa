/**
 * SQS state as rows: one per queue (attributes, tags, FIFO records), one per message. A send
 * writes its message's row; a receive, the rows of the messages it took. Rows keep each message's
 * place in its queue, so FIFO order survives a restart.
 */
import { takeChanges, track } from '../../persistence/changes.ts';
import { rowKey, rowPrefix, SavedNames, type Persistence, type RowWriter, type SavedRow, type SetAside } from '../../persistence/rows.ts';
import { kindOf, shapeProblem } from '../../persistence/whole-scope.ts';
import { createSqsState, messageRowKey, type Queue, type SqsState, type StoredMessage } from './state.ts';

interface MessageRow {
  order: number;
  message: StoredMessage;
}

const queuesSaved = new SavedNames<SqsState>();
const places = new WeakMap<StoredMessage, number>();
const nextPlace = new WeakMap<Queue, number>();

/** How SQS's state is written to and read from the state database. */
export const sqsPersistence: Persistence<SqsState> = {
  save(state, rows) {
    for (const [name, queue] of Object.entries(state.queues)) {
      const { messages: _messages, ...definition } = queue;
      rows.putIfChanged(rowKey('queue', name), definition);
      if (track(queue)) writeAllMessages(queue, rows);
      else for (const [key, message] of takeChanges(queue) ?? []) message === undefined ? rows.delete(key) : rows.put(key, rowOf(queue, message as StoredMessage));
    }
    queuesSaved.sweep(state, Object.keys(state.queues), (name) => {
      rows.delete(rowKey('queue', name));
      rows.deletePrefix(rowPrefix('message', name));
    });
  },

  load(rows, _scope, setAside) {
    const state = createSqsState();
    const messages: SavedRow[] = [];
    for (const row of rows) {
      const kind = JSON.parse(row.key)[0];
      if (kind === 'queue') loadQueue(state, row, setAside);
      else if (kind === 'message') messages.push(row);
      else setAside(row, 'no part of SQS state has a row with this key');
    }
    const placed = new Map<Queue, MessageRow[]>();
    for (const row of messages) {
      const queue = state.queues[JSON.parse(row.key)[1]];
      const problem = queue ? messageProblem(row.value) : 'the message belongs to a queue that is not in the saved state';
      if (problem) setAside(row, problem);
      else if (placed.has(queue!)) placed.get(queue!)!.push(row.value as MessageRow);
      else placed.set(queue!, [row.value as MessageRow]);
    }
    for (const queue of Object.values(state.queues)) {
      const sorted = (placed.get(queue) ?? []).sort((a, b) => a.order - b.order);
      queue.messages = sorted.map(({ message, order }) => (places.set(message, order), message));
      nextPlace.set(queue, (sorted.at(-1)?.order ?? 0) + 1);
      track(queue);
    }
    queuesSaved.remember(state, Object.keys(state.queues));
    return state;
  },
};

function rowOf(queue: Queue, message: StoredMessage): MessageRow {
  let order = places.get(message);
  if (order === undefined) {
    // Notes arrive in the order messages joined the queue, so places follow send order.
    order = nextPlace.get(queue) ?? 1;
    nextPlace.set(queue, order + 1);
    places.set(message, order);
  }
  return { order, message };
}

function writeAllMessages(queue: Queue, rows: RowWriter): void {
  takeChanges(queue);
  rows.deletePrefix(rowPrefix('message', queue.name));
  for (const message of queue.messages) rows.put(messageRowKey(queue.name, message.messageId), rowOf(queue, message));
}

function loadQueue(state: SqsState, row: SavedRow, setAside: SetAside): void {
  const queue = row.value as Queue;
  const problem = shapeProblem(queue, { name: '', arn: '', attributes: {}, tags: {}, dedup: {}, attempts: {} });
  if (problem || typeof queue.name !== 'string' || JSON.parse(row.key)[1] !== queue.name) {
    setAside(row, problem ?? 'the queue\'s name does not match its row');
    return;
  }
  queue.messages = [];
  state.queues[queue.name] = queue;
}

function messageProblem(value: unknown): string | undefined {
  const row = value as MessageRow;
  if (kindOf(row) !== 'record' || typeof row.order !== 'number') return 'the row has no place in its queue';
  const message = row.message;
  const problem = shapeProblem(message, { messageId: '', body: '', md5OfBody: '', attributes: {}, sentAt: 0, delayUntil: 0, invisibleUntil: 0, receiveCount: 0 });
  if (problem) return problem;
  return typeof message.messageId === 'string' && typeof message.body === 'string' ? undefined : 'the message has no id or no body';
}
