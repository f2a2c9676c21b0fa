/**
 * The module specifiers of an ES module's code, found as a JavaScript parser finds them: after
 * `from` or `import` (or `import(`) in code, never inside comments, strings, template literals or
 * regular expressions, where a bundle keeps the learner's words (`// from "no such order"`).
 */

/** Rewrites every specifier with `replace(spec, dynamic)`; the rest of the code is left as it is. */
export function rewriteSpecifiers(code: string, replace: (spec: string, dynamic: boolean) => string): string {
  let out = '';
  let at = 0;
  // Whether a `/` here starts a regular expression: after an operator, a bracket or a keyword, not after a value.
  let regexAllowed = true;
  // Brace depth of each template literal's `${`, innermost last.
  const templates: number[] = [];
  let depth = 0;

  const quoted = (start: number): number => {
    const quote = code[start];
    let end = start + 1;
    while (end < code.length && code[end] !== quote && code[end] !== '\n') end += code[end] === '\\' ? 2 : 1;
    return end + 1;
  };
  // From a template's text (just after ` or }) to its end, or to a `${`; returns where it stopped and whether it closed.
  const templateText = (start: number): { end: number; closed: boolean } => {
    let end = start;
    while (end < code.length) {
      if (code[end] === '\\') end += 2;
      else if (code[end] === '`') return { end: end + 1, closed: true };
      else if (code[end] === '$' && code[end + 1] === '{') return { end: end + 2, closed: false };
      else end += 1;
    }
    return { end, closed: true };
  };
  const skipSpace = (start: number): number => {
    let end = start;
    for (;;) {
      while (end < code.length && /\s/.test(code[end]!)) end += 1;
      if (code.startsWith('//', end)) end = code.indexOf('\n', end) === -1 ? code.length : code.indexOf('\n', end);
      else if (code.startsWith('/*', end)) end = code.indexOf('*/', end + 2) === -1 ? code.length : code.indexOf('*/', end + 2) + 2;
      else return end;
    }
  };

  while (at < code.length) {
    const char = code[at]!;
    let next = at + 1;
    if (code.startsWith('//', at)) next = code.indexOf('\n', at) === -1 ? code.length : code.indexOf('\n', at);
    else if (code.startsWith('/*', at)) next = code.indexOf('*/', at + 2) === -1 ? code.length : code.indexOf('*/', at + 2) + 2;
    else if (char === '"' || char === "'") {
      next = quoted(at);
      regexAllowed = false;
    } else if (char === '`' || (char === '}' && templates.length > 0 && templates.at(-1) === depth)) {
      if (char === '}') templates.pop();
      const text = templateText(at + 1);
      next = text.end;
      if (!text.closed) templates.push(depth);
      regexAllowed = !text.closed;
    } else if (char === '/' && regexAllowed) {
      let end = at + 1;
      let inClass = false;
      while (end < code.length && code[end] !== '\n' && (inClass || code[end] !== '/')) {
        if (code[end] === '\\') end += 1;
        else if (code[end] === '[') inClass = true;
        else if (code[end] === ']') inClass = false;
        end += 1;
      }
      next = end + 1;
      while (next < code.length && /[a-z]/i.test(code[next]!)) next += 1;
      regexAllowed = false;
    } else if (/[A-Za-z_$]/.test(char)) {
      while (next < code.length && /[\w$]/.test(code[next]!)) next += 1;
      const word = code.slice(at, next);
      const member = code[at - 1] === '.';
      regexAllowed = !member && /^(return|typeof|instanceof|in|of|new|delete|void|throw|case|do|else|yield|await)$/.test(word);
      if (!member && (word === 'from' || word === 'import')) {
        let spec = skipSpace(next);
        const dynamic = word === 'import' && code[spec] === '(';
        if (dynamic) spec = skipSpace(spec + 1);
        if (code[spec] === '"' || code[spec] === "'") {
          const end = quoted(spec);
          out += code.slice(at, spec + 1) + replace(code.slice(spec + 1, end - 1), dynamic) + code[spec];
          at = end;
          regexAllowed = false;
          continue;
        }
      }
    } else if (/[\d]/.test(char)) {
      while (next < code.length && /[\w.]/.test(code[next]!)) next += 1;
      regexAllowed = false;
    } else if (!/\s/.test(char)) {
      if (char === '{') depth += 1;
      if (char === '}') depth -= 1;
      regexAllowed = !/[)\]}]/.test(char);
    }
    out += code.slice(at, next);
    at = next;
  }
  return out;
}
