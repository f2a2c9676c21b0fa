/**
 * Lambda state as rows: one for the functions (with their versions, aliases and policies) and
 * everything else but the packages (event source mappings), and one per deployment package,
 * written once, so an invocation never rewrites a package.
 */
import { track } from '../../persistence/changes.ts';
import { rowKey, SKELETON, type Persistence } from '../../persistence/rows.ts';
import { kindOf, shapeProblem } from '../../persistence/whole-scope.ts';
import { createLambdaState, type LambdaState } from './model.ts';

const packagesSaved = new WeakMap<LambdaState, Set<string>>();

/** How Lambda's state is written to and read from the state database. */
export const lambdaPersistence: Persistence<LambdaState> = {
  save(state, rows) {
    const { code: _code, ...rest } = state;
    rows.putIfChanged(SKELETON, rest);
    // A state the database has not seen whole (after a failed commit): every package again.
    const saved = track(state) ? new Set<string>() : (packagesSaved.get(state) ?? new Set<string>());
    for (const [sha, zip] of state.code) if (!saved.has(sha)) rows.put(rowKey('code', sha), zip);
    for (const sha of saved) if (!state.code.has(sha)) rows.delete(rowKey('code', sha));
    packagesSaved.set(state, new Set(state.code.keys()));
  },

  load(rows, _scope, setAside) {
    const state = createLambdaState();
    for (const row of rows) {
      const [kind, sha] = JSON.parse(row.key) as string[];
      if (row.key === SKELETON) {
        const problem = shapeProblem(row.value, { functions: new Map() });
        if (problem) setAside(row, problem);
        else Object.assign(state, row.value, { code: state.code });
      } else if (kind === 'code' && Buffer.isBuffer(row.value)) state.code.set(sha!, row.value);
      else setAside(row, kind === 'code' ? `the package is ${kindOf(row.value)}, not bytes` : 'no part of Lambda state has a row with this key');
    }
    packagesSaved.set(state, new Set(state.code.keys()));
    track(state);
    return state;
  },
};
