import fs from 'node:fs/promises';
import yaml from 'yaml';
import {
  DEFAULT_HUB_URL,
  HubError,
  hubModelToEntities,
  readHubModel,
} from './huggingface';

export const IMPORT_HF_USAGE = `Usage: lab2live-validate import-hf <org/name> --owner <ref> [options]

Reads a model's info and model card from the Hugging Face Hub (or a mirror) and writes an
MLModel and a Dataset per dataset its card names, checked against the Lab2Live kinds.
Gated and private models need an access token in the HF_TOKEN environment variable.
Exits 0 when written, 1 when the Hub or the card did not allow the import, 2 on a usage
error.

Options:
  --owner <ref>             the owning group or user (required), e.g. group:nlp
  --out <file.yaml>         write here instead of standard output
  --system <ref>            the system the model belongs to
  --lifecycle <stage>       default experimental
  --name <name>             the MLModel's name (default: org-name of the model id)
  --hub-url <url>           the Hub or a mirror (default ${DEFAULT_HUB_URL}, or HF_ENDPOINT)
  --timeout <ms>            per request (default 15000)
  --lifecycle-stages a,b,c  the lifecycle stages the catalog accepts
  -h, --help                this text`;

const OPTIONS = [
  '--owner',
  '--out',
  '--system',
  '--lifecycle',
  '--name',
  '--hub-url',
  '--timeout',
  '--lifecycle-stages',
];

/** `lab2live-validate import-hf ID`: writes a Hub model's catalog entities. */
export async function runImportHf(
  argv: string[],
  out: (text: string) => void,
  err: (text: string) => void,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out(IMPORT_HF_USAGE);
    return 0;
  }
  const values: Record<string, string> = {};
  const ids: string[] = [];
  let usage: string | undefined;
  for (let i = 0; i < argv.length && !usage; i++) {
    const [flag, inline] = argv[i].startsWith('--')
      ? argv[i].split(/=(.*)/s)
      : [argv[i]];
    if (!flag.startsWith('-')) ids.push(flag);
    else if (!OPTIONS.includes(flag)) usage = `unknown option ${flag}`;
    else {
      const value = inline ?? argv[++i];
      if (value === undefined) usage = `${flag} needs a value`;
      else values[flag] = value;
    }
  }
  if (!usage && ids.length !== 1) usage = 'import-hf takes one model id';
  if (!usage && !values['--owner']) usage = '--owner is required';
  const timeout = values['--timeout'] ? Number(values['--timeout']) : undefined;
  if (!usage && timeout !== undefined && !(timeout > 0)) {
    usage = `--timeout must be a number of milliseconds, not "${values['--timeout']}"`;
  }
  if (usage) {
    err(`lab2live-validate: ${usage}`);
    err(IMPORT_HF_USAGE);
    return 2;
  }
  const baseUrl = values['--hub-url'] ?? env.HF_ENDPOINT ?? DEFAULT_HUB_URL;
  try {
    const hub = await readHubModel(ids[0], {
      baseUrl,
      token: env.HF_TOKEN || undefined,
      timeoutMs: timeout,
    });
    const { model, datasets } = hubModelToEntities(hub, {
      owner: values['--owner'],
      system: values['--system'],
      lifecycle: values['--lifecycle'],
      name: values['--name'],
      baseUrl,
      lifecycleStages: values['--lifecycle-stages']
        ?.split(',')
        .map(s => s.trim())
        .filter(Boolean),
    });
    const text = [model, ...datasets]
      .map(entity => yaml.stringify(entity))
      .join('---\n');
    if (values['--out']) {
      await fs.writeFile(values['--out'], text);
      out(
        `import-hf: wrote MLModel ${model.metadata.name} and ${datasets.length} Dataset(s) to ${values['--out']}`,
      );
    } else {
      out(text.trimEnd());
    }
    return 0;
  } catch (error) {
    if (error instanceof HubError) {
      err(`import-hf: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
