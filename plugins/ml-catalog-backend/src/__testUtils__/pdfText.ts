import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The text of each page of a PDF and its document info, as pdf.js reads them. pdf.js
 * is an ES module, so it runs in its own Node process rather than inside Jest.
 */
export async function readPdf(
  pdf: Buffer,
): Promise<{ pages: string[]; info: Record<string, unknown> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lab2live-pdf-'));
  const file = path.join(dir, 'document.pdf');
  try {
    await fs.writeFile(file, pdf);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(__dirname, 'pdfText.mjs'), file],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    return JSON.parse(stdout);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
