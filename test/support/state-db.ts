/** Reads what an emulator wrote to a state folder's database, as a test that stopped it would check. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** The JSON values of every row a service has in `stateDir`'s database ([] when there is none). */
export function savedValues(stateDir: string, service: string): string[] {
  const file = join(stateDir, 'state.db');
  if (!existsSync(file)) return [];
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return (db.prepare('SELECT value FROM rows WHERE service = ?').all(service) as Array<{ value: string }>).map((row) => row.value);
  } finally {
    db.close();
  }
}
