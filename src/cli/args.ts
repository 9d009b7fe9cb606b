/**
 * Command-line arguments, the same way for every command: `--help` (or `-h`) prints what the command does and
 * its options, and exits 0; an unknown option or a missing value is one line and the usage (exit 1, through
 * `run`), never a stack trace.
 *
 * @example
 * const { values, positionals } = parseCommand({
 *   usage: 'npm run ask -- [--index DIR] [--json] "question"',
 *   about: 'Answers a question with sentences quoted from the statements.',
 *   options: { index: { type: 'string', value: 'DIR', help: 'the index folder (default INDEX_DIR)' } },
 *   positionals: true,
 * });
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Placeholder of the value in the help ("DIR"). */
  value?: string;
  help: string;
}

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** One line: how the command is called. */
  usage: string;
  /** What it does, a sentence or two. */
  about: string;
  options: O;
  /** Whether words that are not options are allowed (a question, a quote). */
  positionals?: boolean;
  /** Lines after the options (examples). */
  more?: string[];
}

type Values<O extends Record<string, OptionSpec>> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : O[K]['multiple'] extends true ? string[] : string;
};

/** `--help` was asked for: `run` prints `text` on stdout and exits 0. */
export class HelpRequested extends Error {
  override name = 'HelpRequested';
  constructor(readonly text: string) {
    super(text);
  }
}

/** The help text of a command. */
export function helpText<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): string {
  const rows = Object.entries(spec.options).map(([name, o]) => [`${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}${o.multiple ? ' …' : ''}`, o.help]);
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([l]) => l!.length));
  return [`usage: ${spec.usage}`, '', spec.about, '', 'options:', ...rows.map(([l, h]) => `  ${l!.padEnd(width)}  ${h}`), ...(spec.more?.length ? ['', ...spec.more] : [])].join('\n');
}

/** Parses `argv` (default: the process's arguments) against `spec`; see the file's comment. */
export function parseCommand<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>, argv: string[] = process.argv.slice(2)): { values: Values<O>; positionals: string[] } {
  if (argv.includes('--help') || argv.includes('-h')) throw new HelpRequested(helpText(spec));
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]),
  );
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: Boolean(spec.positionals), strict: true });
    return { values: values as Values<O>, positionals };
  } catch (e) {
    const code = (e as { code?: string }).code;
    const msg = (e as Error).message;
    let line: string;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') line = `unknown option ${/'([^']+)'/.exec(msg)?.[1] ?? msg}`;
    else if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') line = msg.replace(/^Option '(-[\w-]+)[^']*' argument missing$/, '$1 needs a value');
    else if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') line = `unexpected argument ${/'([^']+)'/.exec(msg)?.[1] ?? msg}`;
    else throw e;
    throw new UsageError(`${line}\nusage: ${spec.usage} (--help for more)`);
  }
}
