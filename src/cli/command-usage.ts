/**
 * `workshop <command> --help`, in the learner's language: citty's own renderer has English
 * headings and pads by characters, which misaligns Chinese descriptions.
 */
import type { ArgsDef, CommandDef } from 'citty';
import { padTo, columns } from './columns.ts';
import { helpText } from './command-help.ts';

interface ArgDef {
  type?: string;
  description?: string;
  default?: unknown;
  valueHint?: string;
}

/** How an argument is written in the usage line and the table. */
function spelling(name: string, arg: ArgDef): string {
  if (arg.type === 'positional') return name.toUpperCase();
  if (arg.type === 'boolean') return `--${name}`;
  return `--${name}=<${arg.valueHint ?? name.split('-').pop()}>`;
}

function table(rows: Array<[string, string]>): string[] {
  const width = Math.max(...rows.map(([left]) => columns(left))) + 4;
  return rows.map(([left, right]) => `  ${padTo(left, width)}${right}`.trimEnd());
}

/** The help of one command: what it does, how to call it, its arguments and options. */
export async function renderCommandUsage(command: CommandDef<any>): Promise<string> {
  const meta = (typeof command.meta === 'function' ? await command.meta() : await command.meta) ?? {};
  const args = ((typeof command.args === 'function' ? await command.args() : await command.args) ?? {}) as ArgsDef;
  const entries = Object.entries(args) as Array<[string, ArgDef]>;
  const positional = entries.filter(([, arg]) => arg.type === 'positional');
  const options = entries.filter(([, arg]) => arg.type !== 'positional');
  const described = ([name, arg]: [string, ArgDef]): [string, string] => {
    const defaults = arg.default === undefined || arg.type === 'boolean' ? '' : helpText('usageDefault', { value: String(arg.default) });
    return [spelling(name, arg), `${arg.description ?? ''}${defaults}`];
  };
  const call = ['npx workshop', meta.name, options.length > 0 ? helpText('usageOptions') : '', ...positional.map(([name]) => `[${name.toUpperCase()}]`)];
  const lines = [meta.description ?? '', '', helpText('usageLine', { call: call.filter(Boolean).join(' ') })];
  if (positional.length > 0) lines.push('', helpText('usageArguments'), ...table(positional.map(described)));
  if (options.length > 0) lines.push('', helpText('usageOptionsHead'), ...table(options.map(described)));
  return lines.join('\n');
}
