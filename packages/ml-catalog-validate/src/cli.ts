import { AuditExportError, verifyAuditFile } from './audit';
import { runImportHf } from './importHf';
import { FileReport, hasErrors, validateFiles } from './validateFiles';

const USAGE = `Usage: lab2live-validate [options] <file.yaml> [...]

Checks catalog files against the Lab2Live kinds (MLModel, Dataset, SLA) and Backstage's
built-in kinds. Exits 1 when any entity or file has an error, 2 on a usage error.

An entity of a kind or apiVersion that neither defines is an error (kind: Componnet
gets "did you mean Component?"). Templates are known but not checked: they are
reported as skipped, as are the kinds given with --allow-kind.

Options:
  --format text|json        text for people (default), json for tools
  --lifecycle-stages a,b,c  the lifecycle stages the catalog accepts
  --allow-kind A,B          kinds of other plugins to accept unchecked (repeatable)
  -h, --help                this text

Commands:
  audit <export.json|export.csv>  verify the hash chain of an audit log export
  import-hf <org/name>            write a Hugging Face model's catalog entities`;

const AUDIT_USAGE = `Usage: lab2live-validate audit <export.json|export.csv>

Verifies the hash chain of a model's audit log export (GET
/api/ml-catalog/models/<kind>/<namespace>/<name>/audit/export, JSON or CSV) and names the
first entry that was removed, edited or reordered. Exits 0 when the chain is intact, 1
when it is broken or the file is not an export, 2 on a usage error.

Options:
  -h, --help  this text`;

export class UsageError extends Error {}

interface Args {
  format: 'text' | 'json';
  lifecycleStages?: string[];
  allowKinds?: string[];
  files: string[];
  help?: boolean;
}

export function parseArgs(argv: string[]): Args {
  const args: Args = { format: 'text', files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inlineValue] = arg.startsWith('--')
      ? arg.split(/=(.*)/s)
      : [arg];
    const value = () => {
      const v = inlineValue ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--format') {
      const format = value();
      if (format !== 'text' && format !== 'json') {
        throw new UsageError(`--format must be text or json, not "${format}"`);
      }
      args.format = format;
    } else if (flag === '--lifecycle-stages') {
      args.lifecycleStages = value()
        .split(',')
        .map(s => s.trim())
        .filter(Boolean);
    } else if (flag === '--allow-kind') {
      args.allowKinds = [
        ...(args.allowKinds ?? []),
        ...value()
          .split(',')
          .map(s => s.trim())
          .filter(Boolean),
      ];
    } else if (flag === '--help' || flag === '-h') {
      args.help = true;
    } else if (flag.startsWith('-')) {
      throw new UsageError(`unknown option ${flag}`);
    } else {
      args.files.push(arg);
    }
  }
  if (args.files.length === 0 && !args.help) {
    throw new UsageError('no file given');
  }
  return args;
}

export function formatText(reports: FileReport[]): string {
  const lines: string[] = [];
  let checked = 0;
  let invalid = 0;
  const skippedKinds = new Map<string, number>();
  for (const report of reports) {
    for (const error of report.errors) {
      lines.push(
        `${report.file}${error.line ? `:${error.line}` : ''}: ${error.message}`,
      );
    }
    for (const entity of report.entities) {
      if (entity.status === 'skipped') {
        const kind = entity.kind ?? '?';
        skippedKinds.set(kind, (skippedKinds.get(kind) ?? 0) + 1);
        continue;
      }
      checked += 1;
      if (entity.status !== 'invalid') continue;
      invalid += 1;
      for (const error of entity.errors) {
        lines.push(`${report.file}:${entity.line}: ${error.message}`);
      }
    }
  }
  const fileErrors = reports.reduce((n, r) => n + r.errors.length, 0);
  const fileErrorNote = fileErrors ? `, ${fileErrors} file error(s)` : '';
  const skipped = [...skippedKinds.values()].reduce((n, c) => n + c, 0);
  const skippedNote = skipped
    ? `, ${skipped} not checked (${[...skippedKinds.keys()].sort().join(', ')})`
    : '';
  lines.push(
    `${checked} entities checked in ${reports.length} file(s): ${invalid} invalid${fileErrorNote}${skippedNote}`,
  );
  return lines.join('\n');
}

/** Runs the command; returns the exit code (0 valid, 1 errors found, 2 usage). */
export async function run(
  argv: string[],
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  if (argv[0] === 'audit') return runAudit(argv.slice(1), out, err);
  if (argv[0] === 'import-hf') return runImportHf(argv.slice(1), out, err);
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) err(`lab2live-validate: ${error.message}`);
      err(USAGE);
      return 2;
    }
    throw error;
  }
  if (args.help) {
    // Asked for: the usage on standard output, and success.
    out(USAGE);
    return 0;
  }
  const reports = await validateFiles(args.files, {
    lifecycleStages: args.lifecycleStages,
    allowKinds: args.allowKinds,
  });
  const failed = hasErrors(reports);
  if (args.format === 'json') {
    out(JSON.stringify({ ok: !failed, files: reports }, null, 2));
  } else {
    out(formatText(reports));
  }
  return failed ? 1 : 0;
}

/** `lab2live-validate audit FILE`: verifies an audit export's hash chain. */
async function runAudit(
  argv: string[],
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out(AUDIT_USAGE);
    return 0;
  }
  const unknown = argv.find(arg => arg.startsWith('-'));
  if (unknown || argv.length !== 1) {
    err(
      `lab2live-validate: ${
        unknown ? `unknown option ${unknown}` : 'audit takes one export file'
      }`,
    );
    err(AUDIT_USAGE);
    return 2;
  }
  const [file] = argv;
  try {
    const result = await verifyAuditFile(file);
    if (!result.ok) {
      out(`audit: ${file}: ${result.problem}`);
      return 1;
    }
    out(`audit: ${result.entries} entries of ${result.model}, chain intact`);
    if (result.last) {
      // A cut-off tail leaves an intact chain: the live log's head tells.
      out(`audit: last entry seq ${result.last.seq}, hash ${result.last.hash}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof AuditExportError) {
      out(`audit: ${file} is not an audit export: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

export function main(argv: string[]) {
  run(
    argv,
    text => process.stdout.write(`${text}\n`),
    text => process.stderr.write(`${text}\n`),
  ).then(
    code => {
      process.exitCode = code;
    },
    error => {
      process.stderr.write(`lab2live-validate: ${error.stack ?? error}\n`);
      process.exitCode = 2;
    },
  );
}
