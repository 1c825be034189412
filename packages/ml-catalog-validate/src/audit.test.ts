import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditExportEntry } from '@lab2live/plugin-ml-catalog-common';
import { auditEntryHash, parseCsv, verifyAuditChain } from './audit';
import { run } from './cli';

const MODEL = 'mlmodel:default/churn-predictor';

/** A chain of `count` entries, hashed as the backend hashes them. */
function chain(count: number): AuditExportEntry[] {
  const entries: AuditExportEntry[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const entry: AuditExportEntry = {
      seq,
      occurredAt: new Date(Date.UTC(2026, 11, 2, 10, seq)).toISOString(),
      actor: 'user:default/maya',
      action: 'review.item.set',
      model: MODEL,
      after: { item: `item-${seq}` },
      prevHash: entries[seq - 2]?.hash ?? null,
      hash: '',
    };
    entry.hash = auditEntryHash(entry);
    entries.push(entry);
  }
  return entries;
}

async function runCli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(
    argv,
    text => {
      stdout += `${text}\n`;
    },
    text => {
      stderr += `${text}\n`;
    },
  );
  return { code, stdout: stdout.trim(), stderr: stderr.trim() };
}

describe('verifyAuditChain', () => {
  it('finds an intact chain, and an empty one, intact', () => {
    expect(verifyAuditChain(MODEL, chain(5))).toBeUndefined();
    expect(verifyAuditChain(MODEL, [])).toBeUndefined();
  });

  it('names the first entry removed, edited, reordered, repeated or of another model', () => {
    const entries = chain(6);
    expect(verifyAuditChain(MODEL, [entries[0], ...entries.slice(3)])).toBe(
      'entry seq 2 is missing (seq jumps from 1 to 4)',
    );
    expect(
      verifyAuditChain(MODEL, [
        entries[0],
        { ...entries[1], action: 'review.approve' },
        { ...entries[2], actor: 'user:default/eve' },
      ]),
    ).toBe('entry seq 2: edited (hash does not match its content)');
    expect(
      verifyAuditChain(MODEL, [entries[1], entries[0], ...entries.slice(2)]),
    ).toBe('entries out of order at seq 1: seq 2 comes before it');
    expect(verifyAuditChain(MODEL, [...entries.slice(0, 3), entries[2]])).toBe(
      'entry seq 3 appears more than once',
    );
    expect(verifyAuditChain('mlmodel:default/other', entries)).toBe(
      `entry seq 1: belongs to ${MODEL}, not to mlmodel:default/other`,
    );
  });
});

describe('parseCsv', () => {
  it('reads quoted cells with commas, quotes and line breaks', () => {
    expect(parseCsv('a,"b,""c""\r\nd",e\r\n1,,3\r\n')).toEqual([
      ['a', 'b,"c"\r\nd', 'e'],
      ['1', '', '3'],
    ]);
  });
});

describe('lab2live-validate audit', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab2live-validate-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it('prints the model, the count and the last link of an intact export', async () => {
    const entries = chain(3);
    const file = write(
      'ok.json',
      JSON.stringify({ model: MODEL, exportedAt: 'now', entries }),
    );
    expect(await runCli('audit', file)).toEqual({
      code: 0,
      stdout: `audit: 3 entries of ${MODEL}, chain intact\naudit: last entry seq 3, hash ${entries[2].hash}`,
      stderr: '',
    });
  });

  it('says when a file is not an export, and exits 1', async () => {
    const yaml = write('catalog-info.yaml', 'kind: Component\n');
    expect(await runCli('audit', yaml)).toMatchObject({
      code: 1,
      stdout: `audit: ${yaml} is not an audit export: the CSV header lacks the column(s) seq, occurredAt, actor, action, model, before, after, prevHash, hash`,
    });
    const broken = write('broken.json', '{"entries": [');
    expect((await runCli('audit', broken)).stdout).toMatch(
      /^audit: .*broken\.json is not an audit export: not JSON/,
    );
    const absent = path.join(dir, 'absent.json');
    expect(await runCli('audit', absent)).toMatchObject({
      code: 1,
      stdout: expect.stringContaining(
        `is not an audit export: cannot read ${absent}`,
      ),
    });
  });

  it('exits 2 with the usage on a usage error, and 0 with it on --help', async () => {
    const none = await runCli('audit');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('audit takes one export file');
    expect(none.stderr).toContain(
      'lab2live-validate audit <export.json|export.csv>',
    );
    expect((await runCli('audit', 'a.json', 'b.json')).code).toBe(2);
    expect((await runCli('audit', '--format', 'json')).stderr).toContain(
      'unknown option --format',
    );
    const help = await runCli('audit', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /^Usage: lab2live-validate audit <export.json\|export.csv>\n/,
    );
    expect(help.stdout).toContain('names the');
    // The command's own help lists the audit command.
    expect((await runCli('--help')).stdout).toMatch(
      /Commands:\n {2}audit <export.json\|export.csv> {2}verify the hash chain/,
    );
  });
});
