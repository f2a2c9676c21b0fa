/** The browser part of PatternPlayground.astro: runs the emulator's matcher as the learner types. */
import { missingEventFields } from '../../../src/emulator/services/events/envelope.ts';
import { matchEvent, parsePattern, PatternError } from '../../../src/emulator/services/events/pattern/index.ts';
import { readStrings } from './fill.ts';

type PlaygroundStrings = Record<'match' | 'noMatch' | 'field' | 'invalidPattern' | 'invalidEvent' | 'invalidEnvelope' | 'missingFields', string>;
type Preset = { id: string; pattern: object; event: object };

class PatternPlayground extends HTMLElement {
  private timer: ReturnType<typeof setTimeout> | undefined;

  connectedCallback() {
    const strings = readStrings<PlaygroundStrings>(this);
    const presets = JSON.parse(this.dataset.presets ?? '[]') as Preset[];
    const select = this.querySelector('select')!;
    const pattern = this.querySelector<HTMLTextAreaElement>('textarea[name=pattern]')!;
    const event = this.querySelector<HTMLTextAreaElement>('textarea[name=event]')!;
    const output = this.querySelector('output')!;
    const run = () => this.show(output, strings, pattern.value, event.value);
    select.addEventListener('change', () => {
      const preset = presets.find((candidate) => candidate.id === select.value);
      if (!preset) return;
      pattern.value = JSON.stringify(preset.pattern, null, 2);
      event.value = JSON.stringify(preset.event, null, 2);
      run();
    });
    this.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(run, 150);
    });
    run();
  }

  private show(output: HTMLOutputElement, strings: PlaygroundStrings, patternText: string, eventText: string): void {
    output.replaceChildren();
    const verdict = (kind: string, text: string) => {
      output.className = `result ${kind}`;
      const strong = document.createElement('strong');
      strong.textContent = text;
      output.append(strong);
    };
    let compiled;
    try {
      compiled = parsePattern(patternText);
    } catch (error) {
      verdict('error', strings.invalidPattern);
      output.append(error instanceof PatternError ? error.message : String((error as Error).message ?? error));
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(eventText);
    } catch (error) {
      verdict('error', strings.invalidEvent);
      output.append((error as Error).message);
      return;
    }
    // A rule only ever sees full envelopes, and TestEventPattern refuses anything less.
    const missing = missingEventFields(parsed);
    if (missing.length > 0) {
      verdict('error', strings.invalidEnvelope);
      output.append(...this.withFields(strings.missingFields, missing));
      return;
    }
    const result = matchEvent(compiled, parsed);
    if (result.matched) return verdict('match', strings.match);
    verdict('no-match', `${strings.noMatch}: `);
    if (result.field) {
      const code = document.createElement('code');
      code.textContent = result.field;
      output.append(`${strings.field} `, code, ' — ');
    }
    output.append(result.reason);
  }

  /** A sentence whose `{fields}` becomes the field names as code, listed in the page's language. */
  private withFields(sentence: string, fields: string[]): Array<string | HTMLElement> {
    const [before = '', after = ''] = sentence.split('{fields}');
    const list = new Intl.ListFormat(document.documentElement.lang || 'en', { type: 'conjunction' }).formatToParts(fields);
    const parts = list.map((part) => {
      if (part.type === 'literal') return part.value;
      const code = document.createElement('code');
      code.textContent = part.value;
      return code;
    });
    return [before, ...parts, after];
  }
}

customElements.define('pattern-playground', PatternPlayground);
