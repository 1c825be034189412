// Prints the text of each page of the PDF named on the command line, as a JSON array,
// read by Mozilla's pdf.js: what a PDF reader would show, not what the writer meant.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const require = createRequire(import.meta.url);
const fonts = path.join(
  path.dirname(require.resolve('pdfjs-dist/package.json')),
  'standard_fonts',
  path.sep,
);
const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const pdf = await getDocument({ data, standardFontDataUrl: fonts }).promise;
const pages = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const content = await (await pdf.getPage(n)).getTextContent();
  pages.push(
    content.items.map(item => item.str + (item.hasEOL ? '\n' : ' ')).join(''),
  );
}
const { info } = await pdf.getMetadata();
process.stdout.write(JSON.stringify({ pages, info }));
