/**
 * `zhengbiao`: batch work on datasets for corpus pipelines, with the app's own format modules.
 *   zhengbiao convert <input…> --from <id> --to <id> [--scheme bio|bioes|bmes] [--nested outer|inner|split] [-o <output>]
 *   zhengbiao validate <input…> --format <id>
 *   zhengbiao suggest <file.txt…> [--format <id>]
 *   zhengbiao metric "<text>"
 *   zhengbiao agree <a> <b> [<c>…] --format <id> [--documents]
 */
import { parseArgs } from 'node:util';
import { formats } from '../formats/index.ts';
import { UsageError, agree, convert, metric, suggestFiles, validate, type Io } from './commands.ts';

const USAGE = `usage:
  zhengbiao convert <input…> --from <format> --to <format> [--scheme bio|bioes|bmes] [--nested outer|inner|split] [-o <output>]
  zhengbiao validate <input…> --format <format>
  zhengbiao suggest <file.txt…> [--format <format>]     (pre-annotation; doccano JSONL by default)
  zhengbiao metric "<text>"                             (a METRIC's value, unit and qualifier as JSON)
  zhengbiao agree <a> <b> [<c>…] --format <format> [--documents]
                                                        (inter-annotator agreement of files of the same documents, as JSON)
formats: ${formats.map((f) => f.id).join(', ')}
Output goes to stdout unless -o is given; formats that write several files (brat, split) need -o <folder>.
The nesting report (what a flat format could not hold) goes to stderr.`;

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string' },
        scheme: { type: 'string' },
        nested: { type: 'string' },
        output: { type: 'string', short: 'o' },
        documents: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help || command === 'help' || command === '--help' || command === undefined) {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === 'convert') return await convert(positionals, values, io);
    if (command === 'validate') return validate(positionals, values, io);
    if (command === 'suggest') return suggestFiles(positionals, values, io);
    if (command === 'metric') return metric(positionals, io);
    if (command === 'agree') return agree(positionals, values, io);
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e)) {
      io.err(`zhengbiao: ${e.message}\n${USAGE}`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') {
      io.err(`zhengbiao: no such file or folder: ${err.path}`);
      return 1;
    }
    throw e;
  }
}
