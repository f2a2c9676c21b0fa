/** Splits a DynamoDB expression into tokens, keeping offsets so syntax errors can quote the text near them. */

/** What a token is. */
export type TokenType = 'identifier' | 'name' | 'value' | 'number' | 'symbol' | 'unknown' | 'eof';

/** One token and where it sits in the expression. */
export interface Token {
  type: TokenType;
  text: string;
  start: number;
  end: number;
}

const SYMBOLS = ['<>', '<=', '>=', '(', ')', '[', ']', ',', '.', '=', '<', '>', '+', '-'];
const WORD = /[A-Za-z0-9_]/;

/** Tokenizes `source`; never throws (unknown characters become `unknown` tokens for the parser to report). */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    const start = i;
    if (char === '#' || char === ':') {
      i++;
      while (i < source.length && WORD.test(source[i]!)) i++;
      const type = i - start > 1 ? (char === '#' ? 'name' : 'value') : 'unknown';
      tokens.push({ type, text: source.slice(start, i), start, end: i });
      continue;
    }
    if (/[0-9]/.test(char)) {
      while (i < source.length && /[0-9]/.test(source[i]!)) i++;
      // Digits followed by letters are not a number (and not a valid name either).
      const type = i < source.length && WORD.test(source[i]!) ? 'unknown' : 'number';
      while (i < source.length && WORD.test(source[i]!)) i++;
      tokens.push({ type, text: source.slice(start, i), start, end: i });
      continue;
    }
    if (/[A-Za-z_]/.test(char)) {
      while (i < source.length && WORD.test(source[i]!)) i++;
      tokens.push({ type: 'identifier', text: source.slice(start, i), start, end: i });
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => source.startsWith(candidate, i));
    if (symbol) {
      i += symbol.length;
      tokens.push({ type: 'symbol', text: symbol, start, end: i });
      continue;
    }
    // Whole code points, so an emoji is reported as itself and not as half a surrogate pair.
    i += (source.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    tokens.push({ type: 'unknown', text: source.slice(start, i), start, end: i });
  }
  tokens.push({ type: 'eof', text: '<EOF>', start: source.length, end: source.length });
  return tokens;
}
