/**
 * `workshop snapshot save|load|list|delete [NAME]`: the running emulator's whole state saved to
 * `.workshop/snapshots/NAME` and loaded back, through the emulator's `/_workshop/snapshots` routes
 * (the emulator does the work; this command asks and says what happened).
 */
import { defineCommand } from 'citty';
import { EXIT, WorkshopError } from '../../core/errors.ts';
import { language } from '../../core/i18n/language.ts';
import { probeEndpoint } from '../../core/probe.ts';
import { labArgs, targetFrom } from '../lab-args.ts';
import { localstackMessage, localstackText } from '../localstack-messages.ts';
import { SNAPSHOT_NAME, type SnapshotInfo } from '../../emulator/snapshots.ts';

const ACTIONS = ['save', 'load', 'list', 'delete'] as const;
type Action = (typeof ACTIONS)[number];

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function timeText(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(language() === 'zh-cn' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}

function checkAction(action: string | undefined): Action {
  if (action && (ACTIONS as readonly string[]).includes(action)) return action as Action;
  throw new WorkshopError('UNKNOWN_ACTION', localstackMessage('snapshotUnknownAction', { action: action ?? '' }), { hint: localstackMessage('snapshotActions'), exitCode: EXIT.usage });
}

function checkName(action: Action, name: string | undefined): string {
  if (!name) throw new WorkshopError('MISSING_NAME', localstackMessage('snapshotNeedsName', { action }), { hint: localstackMessage('snapshotNameExample', { action }), exitCode: EXIT.usage });
  if (!SNAPSHOT_NAME.test(name)) throw new WorkshopError('BAD_NAME', localstackMessage('snapshotBadName', { name }), { hint: localstackMessage('snapshotNameExample', { action }), exitCode: EXIT.usage });
  return name;
}

/** Asks the emulator at `endpoint`; an answer other than 2xx becomes an error carrying the emulator's reason. */
async function ask(endpoint: string, method: string, path: string): Promise<Record<string, unknown>> {
  const response = await fetch(new URL(path, endpoint), { method });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    throw new WorkshopError('SNAPSHOT_REFUSED', localstackMessage('snapshotRefused', { reason: String(body.message ?? response.statusText) }), { hint: localstackMessage('snapshotRefusedHint'), exitCode: EXIT.failed });
  }
  return body;
}

export default defineCommand({
  meta: { name: 'snapshot', description: localstackText('snapshotSummary') },
  args: {
    action: { type: 'positional', required: false, description: localstackText('snapshotAction') },
    name: { type: 'positional', required: false, description: localstackText('snapshotName') },
    target: labArgs.target,
  },
  async run({ args }) {
    const action = checkAction(args.action);
    const name = action === 'list' ? undefined : checkName(action, args.name);
    const target = targetFrom(args);
    if (target.name !== 'emulator' || !target.endpoint) {
      throw new WorkshopError('NOT_EMULATOR', localstackMessage('snapshotNotEmulator', { target: target.name }), { hint: localstackMessage('snapshotUseEmulator'), exitCode: EXIT.failed });
    }
    const endpoint = target.endpoint;
    if ((await probeEndpoint(endpoint, 1500)).kind !== 'emulator') {
      throw new WorkshopError('NO_EMULATOR', localstackMessage('snapshotNoEmulator', { endpoint }), { hint: localstackMessage('snapshotStartFirst'), exitCode: EXIT.failed });
    }
    const path = `/_workshop/snapshots${name ? `/${name}` : ''}`;
    if (action === 'save') {
      const saved = await ask(endpoint, 'POST', path);
      console.log(localstackText('snapshotSaved', { name: name!, size: sizeText(Number(saved.size)), dir: String(saved.folder) }));
    } else if (action === 'load') {
      const loaded = await ask(endpoint, 'POST', `${path}/load`);
      console.log(localstackText('snapshotLoaded', { name: name!, time: timeText(String(loaded.savedAt)) }));
    } else if (action === 'delete') {
      await ask(endpoint, 'DELETE', path);
      console.log(localstackText('snapshotDeleted', { name: name! }));
    } else {
      const listed = (await ask(endpoint, 'GET', path)) as { folder?: string; snapshots?: SnapshotInfo[] };
      const snapshots = listed.snapshots ?? [];
      if (snapshots.length === 0) {
        console.log(localstackText('snapshotNone'));
        return;
      }
      console.log(localstackText('snapshotListHead', { dir: String(listed.folder) }));
      const width = Math.max(...snapshots.map((snapshot) => snapshot.name.length));
      for (const snapshot of snapshots) console.log(localstackText('snapshotListLine', { name: snapshot.name.padEnd(width), time: timeText(snapshot.savedAt), size: sizeText(snapshot.size) }));
    }
  },
});
