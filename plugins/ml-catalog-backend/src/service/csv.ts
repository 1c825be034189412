/** RFC 4180 CSV; a cell that a spreadsheet would run as a formula is quoted with a leading '. */
export function toCsv(
  header: string[],
  rows: Array<Array<string | number>>,
): string {
  return [header, ...rows]
    .map(row => row.map(cell => csvCell(String(cell))).join(','))
    .join('\r\n')
    .concat('\r\n');
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
