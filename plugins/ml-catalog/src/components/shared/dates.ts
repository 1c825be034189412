/** A date as the reader's locale writes it, or nothing when there is none. */
export function formatDay(when?: string | number): string {
  return when === undefined || when === ''
    ? ''
    : new Date(when).toLocaleDateString();
}

/** A date and time as the reader's locale writes them, or nothing when there is none. */
export function formatTime(when?: string | number): string {
  return when === undefined || when === ''
    ? ''
    : new Date(when).toLocaleString();
}
