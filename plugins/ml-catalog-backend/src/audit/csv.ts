/**
 * One RFC 4180 CSV line, with its CRLF (exports stream a line at a time). A cell that a
 * spreadsheet would run as a formula gets a leading `'`, and so does a cell that already
 * starts with one, so a reader can always take the guard off again
 * (`lab2live-validate audit` does, to recompute the hashes of an export).
 */
export function csvLine(row: ReadonlyArray<string | number>): string {
  return `${row.map(cell => csvCell(String(cell))).join(',')}\r\n`;
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r']/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
