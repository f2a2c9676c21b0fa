/**
 * The page Lambda loader's import rewriting (src/browser/lambda/import-specifiers.ts): the real
 * imports of a bundle and nothing else, though a bundle keeps the learner's comments, strings,
 * template literals and regular expressions, which may read like imports.
 */
import { describe, expect, it } from 'vitest';
import { rewriteSpecifiers } from '../../src/browser/lambda/import-specifiers.ts';

const found = (code: string) => {
  const specs: Array<[string, boolean]> = [];
  const rewritten = rewriteSpecifiers(code, (spec, dynamic) => {
    specs.push([spec, dynamic]);
    return `blob:${spec}`;
  });
  return { specs, rewritten };
};

describe('rewriteSpecifiers', () => {
  it('rewrites static, side-effect, re-export and dynamic imports', () => {
    const code = [
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      'import * as crypto from "node:crypto";',
      "import './setup.js';",
      "export { chargeCard } from './payments.js';",
      'export * from "./rules.js";',
      "const later = await import('./later.js');",
      'const meta = import.meta.url;',
    ].join('\n');
    const { specs, rewritten } = found(code);
    expect(specs).toEqual([['@aws-sdk/client-dynamodb', false], ['node:crypto', false], ['./setup.js', false], ['./payments.js', false], ['./rules.js', false], ['./later.js', true]]);
    expect(rewritten).toContain("import { DynamoDBClient } from 'blob:@aws-sdk/client-dynamodb';");
    expect(rewritten).toContain("await import('blob:./later.js')");
    expect(rewritten).toContain('import.meta.url');
  });

  it('leaves comments, strings, templates and regular expressions alone, as lab 06\'s solution has them', () => {
    const code = [
      "import { UpdateCommand } from '@aws-sdk/lib-dynamodb';",
      '// "fulfilled already" (an item) from "no such order" (none) without a second read.',
      '/* copied from "somewhere" */',
      "const said = 'read from \"the table\"';",
      'const shown = `imported from "${said}" and ${`import("nested")`}`;',
      "const quote = /from 'x'/.test(said) ? 1 : 2;",
      'const half = 4 / 2; const again = half / 1;',
      "export const after = () => import('./after.js');",
    ].join('\n');
    const { specs, rewritten } = found(code);
    expect(specs).toEqual([['@aws-sdk/lib-dynamodb', false], ['./after.js', true]]);
    expect(rewritten.replace("'blob:@aws-sdk/lib-dynamodb'", "'@aws-sdk/lib-dynamodb'").replace("'blob:./after.js'", "'./after.js'")).toBe(code);
  });

  it('reads a property named import or from as code, not as an import', () => {
    const { specs } = found("const options = { from: 'a' };\nconsole.log(options.from, helpers.import('b'));\nimport x from 'c';");
    expect(specs).toEqual([['c', false]]);
  });
});
