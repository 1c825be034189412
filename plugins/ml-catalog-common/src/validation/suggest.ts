/**
 * Levenshtein distance between two strings: the fewest single-character
 * insertions, deletions and substitutions that turn one into the other.
 *
 * @internal
 */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(
        row[j] + 1,
        row[j - 1] + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length];
}

/**
 * The known value closest to a misspelt one, compared case-insensitively, when it is
 * close enough to be a typo: at most two edits, and at most half the word, so that
 * short values such as `lt` are not "corrected" into unrelated ones.
 *
 * @internal
 */
export function suggest(
  unknown: string,
  known: readonly string[],
): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  let tied = false;
  const lower = unknown.toLocaleLowerCase('en-US');
  for (const candidate of known) {
    const d = editDistance(lower, candidate.toLocaleLowerCase('en-US'));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tied = false;
    } else if (d === bestDistance) {
      tied = true;
    }
  }
  // Two equally close values would make the suggestion a guess.
  if (tied) {
    return undefined;
  }
  const limit = Math.min(2, Math.floor(unknown.length / 2));
  return bestDistance <= limit ? best : undefined;
}

/**
 * ` (did you mean "x"?)` for a string close to exactly one allowed value, else an
 * empty string; meant to be appended to a "must be one of" message.
 *
 * @internal
 */
export function didYouMean(value: unknown, allowed: readonly string[]): string {
  if (typeof value !== 'string' || allowed.includes(value)) {
    return '';
  }
  const suggestion = suggest(value, allowed);
  return suggestion ? ` (did you mean "${suggestion}"?)` : '';
}
