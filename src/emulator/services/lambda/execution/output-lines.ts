/**
 * Splits an environment's stdout and stderr into log lines. The kit's runtimes write a multi-line
 * message as one line with `\r` for its newlines (as AWS's runtimes do) so it stays one log event;
 * a line without an end is cut at CloudWatch's event size so one endless line cannot grow memory.
 */
import { StringDecoder } from 'node:string_decoder';
import { MAX_EVENT_BYTES } from './log-writer.ts';

/** The prefix of the sync marker the kit's bootstraps write before posting a result. */
export const SYNC_MARK = '\u001e\u001e';

/** Turns chunks of bytes into complete lines. */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  private readonly onLine: (line: string) => void;

  constructor(onLine: (line: string) => void) {
    this.onLine = onLine;
  }

  /** Feeds a chunk; calls back once per complete line (without its newline). */
  push(chunk: Buffer): void {
    let text = this.partial + this.decoder.write(chunk);
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      this.onLine(text.slice(start, end));
      start = end + 1;
    }
    text = start === 0 ? text : text.slice(start);
    while (text.length > MAX_EVENT_BYTES) {
      this.onLine(text.slice(0, MAX_EVENT_BYTES));
      text = text.slice(MAX_EVENT_BYTES);
    }
    this.partial = text;
  }

  /** Emits what is left when the stream ends. */
  end(): void {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    if (rest) this.onLine(rest);
  }
}
