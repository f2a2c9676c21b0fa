/** The browser part of PatternPlayground.astro: runs the emulator's matcher as the learner types. */
import { matchEvent, parsePattern, PatternError } from '../../../src/emulator/services/events/pattern/index.ts';
import { readStrings } from './fill.ts';

type PlaygroundStrings = Record<'match' | 'noMatch' | 'field' | 'invalidPattern' | 'invalidEvent', string>;
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
      verdict('error', `${strings.invalidPattern}: `);
      output.append(error instanceof PatternError ? error.message : String((error as Error).message ?? error));
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(eventText);
    } catch (error) {
      verdict('error', `${strings.invalidEvent}: `);
      output.append((error as Error).message);
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
}

customElements.define('pattern-playground', PatternPlayground);
