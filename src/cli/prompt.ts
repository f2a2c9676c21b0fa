/** Asking the user a yes/no question on the terminal. */
import { createInterface } from 'node:readline/promises';

/** Asks `question`; true only for an answer starting with y (or 是, yes in Chinese). */
export async function confirm(question: string): Promise<boolean> {
  const reader = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^(y|是)/i.test((await reader.question(question)).trim());
  } finally {
    reader.close();
  }
}
