import { InputError } from '@backstage/errors';

/** The most items one page of any list holds. */
export const MAX_PAGE_SIZE = 500;

/**
 * Named models up to this many (a catalog, team or service page) are looked up one by
 * one in the catalog instead of read with every model.
 */
export const FEW_NAMED_MODELS = 100;

/** A page size from a query: the default when absent, refused above the maximum. */
export function pageLimit(
  value: number | undefined,
  field: string,
  fallback = 100,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw new InputError(
      `${field} must be a whole number from 1 to ${MAX_PAGE_SIZE}; got '${value}'`,
    );
  }
  return value;
}

/** An opaque cursor for the next page: the sort key of the last item given. */
export function encodeCursor(position: Record<string, number | string>) {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The sort key a cursor carries; 400 naming the field when it is not one of ours. */
export function decodeCursor(
  cursor: string,
  field: string,
  keys: string[],
): Record<string, number | string> {
  try {
    const position = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (
      position &&
      typeof position === 'object' &&
      keys.every(key => ['number', 'string'].includes(typeof position[key]))
    ) {
      return position;
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError(
    `${field} is not a cursor this API gave out; pass nextCursor from the previous page`,
  );
}
