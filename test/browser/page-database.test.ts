/**
 * The page's state database (what StateStore writes rows to in a page): SQLite's row semantics
 * in memory, a commit reported to the IndexedDB saver only once its transaction succeeds, and a
 * failed transaction leaving the rows as they were.
 */
import { describe, expect, it } from 'vitest';
import { StateDatabase, providePageDatabase, type RowChange } from '../../src/browser/emulator/page-database.ts';

function opened(rows: Array<{ service: string; scope: string; key: string; value: string }> = []): { db: StateDatabase; commits: RowChange[][] } {
  const commits: RowChange[][] = [];
  const file = `/state-${Math.random()}.db`;
  providePageDatabase(file, { rows, committed: (changes) => commits.push(changes) });
  return { db: new StateDatabase(file), commits };
}

describe('the page state database', () => {
  it('starts from saved rows and orders a service\'s rows by scope and key, as SQLite does', () => {
    const { db } = opened([
      { service: 'sqs', scope: '1/us-east-1', key: '["q","b"]', value: '2' },
      { service: 'sqs', scope: '1/eu-west-1', key: '["q","a"]', value: '1' },
      { service: 'sqs', scope: '1/us-east-1', key: '["q","a"]', value: '3' },
      { service: 'sns', scope: '1/us-east-1', key: '["t"]', value: '4' },
    ]);
    expect(db.rowsOf('sqs').map((row) => `${row.scope} ${row.key}`)).toEqual(['1/eu-west-1 ["q","a"]', '1/us-east-1 ["q","a"]', '1/us-east-1 ["q","b"]']);
    expect(db.hasRows('sns')).toBe(true);
    expect(db.hasRows('s3')).toBe(false);
  });

  it('reports a transaction\'s changes once, when it commits', () => {
    const { db, commits } = opened([{ service: 'sqs', scope: 'a', key: '["q","x"]', value: '1' }]);
    db.transaction(() => {
      db.put('sqs', 'a', '["q","y"]', '2');
      db.put('sqs', 'a', '["q","y"]', '3');
      db.deletePrefix('sqs', 'a', '["q","x');
    });
    expect(commits).toEqual([[{ service: 'sqs', scope: 'a', key: '["q","y"]', value: '3' }, { service: 'sqs', scope: 'a', key: '["q","x"]', value: undefined }]]);
    expect(db.rowsOf('sqs')).toEqual([{ scope: 'a', key: '["q","y"]', value: '3' }]);
  });

  it('leaves the rows as they were when a transaction fails, and reports nothing', () => {
    const { db, commits } = opened([{ service: 'ddb', scope: 'a', key: 'k1', value: 'old' }]);
    expect(() => db.transaction(() => {
      db.put('ddb', 'a', 'k1', 'new');
      db.put('ddb', 'a', 'k2', 'added');
      db.deleteService('ddb');
      throw new Error('disk full');
    })).toThrow('disk full');
    expect(db.rowsOf('ddb')).toEqual([{ scope: 'a', key: 'k1', value: 'old' }]);
    expect(commits).toEqual([]);
  });
});
