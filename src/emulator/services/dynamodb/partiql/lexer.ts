/**
 * Splits a PartiQL statement into tokens: bare words (keywords and names), "quoted names",
 * 'strings', numbers, `?` parameters and symbols. `--` and block comments are skipped; a `#`
 * comment or an unterminated one is refused with nothing after the colon, as DynamoDB does.
 */
import { malformed } from './errors.ts';

/** The kinds of token. */
export type TokenType = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'symbol' | 'eof';

/** One token and where it starts in the statement. */
export interface Token {
  type: TokenType;
  text: string;
  at: number;
}

const SYMBOLS = ['<<', '>>', '<=', '>=', '<>', '!=', '(', ')', '[', ']', '{', '}', ',', '.', ':', ';', '*', '=', '<', '>', '+', '-'];
const WORD_START = /[A-Za-z_$]/;
const WORD_PART = /[A-Za-z0-9_$]/;
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;

/** Reads a quoted run (`'...'` or `"..."`), where a doubled quote stands for one. */
function quoted(source: string, start: number, quote: string): { text: string; end: number } {
  let text = '';
  let i = start + 1;
  for (;;) {
    if (i >= source.length) throw malformed('');
    const char = source[i]!;
    if (char === quote) {
      if (source[i + 1] === quote) {
        text += quote;
        i += 2;
        continue;
      }
      return { text, end: i + 1 };
    }
    text += char;
    i++;
  }
}

/** The tokens of a statement, ending with an `eof` token. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const previous = () => tokens[tokens.length - 1];
  while (i < source.length) {
    const char = source[i]!;
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    if (source.startsWith('--', i)) {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end + 1;
      continue;
    }
    if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw malformed('');
      i = end + 2;
      continue;
    }
    if (char === '#') throw malformed('');
    if (char === "'" || char === '"') {
      const { text, end } = quoted(source, i, char);
      tokens.push({ type: char === "'" ? 'string' : 'quoted', text, at: i });
      i = end;
      continue;
    }
    if (char === '?') {
      tokens.push({ type: 'param', text: '?', at: i });
      i++;
      continue;
    }
    // A dot right after a name or an index is a path step, not the start of `.5`.
    const afterPath = ['word', 'quoted'].includes(previous()?.type ?? '') || previous()?.text === ']';
    const number = /\d/.test(char) || (char === '.' && !afterPath) ? NUMBER.exec(source.slice(i)) : null;
    if (number) {
      tokens.push({ type: 'number', text: number[0], at: i });
      i += number[0].length;
      continue;
    }
    if (WORD_START.test(char)) {
      let end = i + 1;
      while (end < source.length && WORD_PART.test(source[end]!)) end++;
      tokens.push({ type: 'word', text: source.slice(i, end), at: i });
      i = end;
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => source.startsWith(candidate, i));
    if (!symbol) throw malformed(`Unexpected character: ${char}`);
    tokens.push({ type: 'symbol', text: symbol, at: i });
    i += symbol.length;
  }
  tokens.push({ type: 'eof', text: '', at: source.length });
  return tokens;
}
