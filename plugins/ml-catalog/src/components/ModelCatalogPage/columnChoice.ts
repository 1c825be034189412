import { errorApiRef, storageApiRef, useApi } from '@backstage/core-plugin-api';
import { useCallback, useEffect, useMemo, useState } from 'react';

/** A column a person may show or hide. */
export interface ColumnOption {
  id: string;
  title: string;
  /** Shown until the person chooses otherwise. */
  shownByDefault: boolean;
  /** Always shown: the column that names the row. */
  required?: boolean;
}

/** Where the model catalog keeps a person's choices (per user with user settings). */
export const MODEL_CATALOG_STORAGE_BUCKET = 'lab2live.modelCatalog';
const COLUMNS_KEY = 'columns';

/**
 * The person's choices, as stored: column id to shown or hidden. Only the columns they
 * changed are stored, so a column added in a later release follows its default, and an
 * id no longer offered is dropped.
 */
export type StoredColumnChoice = Record<string, boolean>;

/** The stored choices that still apply to these columns; anything else is ignored. */
export function knownChoices(
  options: ColumnOption[],
  stored: unknown,
): StoredColumnChoice {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) {
    return {};
  }
  const choices: StoredColumnChoice = {};
  for (const option of options) {
    const value = (stored as Record<string, unknown>)[option.id];
    if (!option.required && typeof value === 'boolean') {
      choices[option.id] = value;
    }
  }
  return choices;
}

/** The ids of the columns to show, in the columns' order. */
export function shownColumnIds(
  options: ColumnOption[],
  stored: unknown,
): string[] {
  const choices = knownChoices(options, stored);
  return options
    .filter(
      option =>
        option.required || (choices[option.id] ?? option.shownByDefault),
    )
    .map(option => option.id);
}

/** The columns shown, how to change them, and whether they are the defaults. */
export interface ColumnChoice {
  options: ColumnOption[];
  shown: string[];
  isDefault: boolean;
  setShown: (id: string, shown: boolean) => void;
  reset: () => void;
}

/**
 * The person's column choice, kept in Backstage storage: with the user-settings
 * backend it follows them from browser to browser, otherwise it stays in this browser.
 */
export function useColumnChoice(options: ColumnOption[]): ColumnChoice {
  const storageApi = useApi(storageApiRef);
  const errorApi = useApi(errorApiRef);
  const bucket = useMemo(
    () => storageApi.forBucket(MODEL_CATALOG_STORAGE_BUCKET),
    [storageApi],
  );
  const [stored, setStored] = useState<unknown>(
    () => bucket.snapshot(COLUMNS_KEY).value,
  );
  useEffect(() => {
    // Storage backed by the server answers after the first render.
    setStored(bucket.snapshot(COLUMNS_KEY).value);
    const subscription = bucket
      .observe$(COLUMNS_KEY)
      .subscribe(snapshot => setStored(snapshot.value));
    return () => subscription.unsubscribe();
  }, [bucket]);

  const choices = useMemo(
    () => knownChoices(options, stored),
    [options, stored],
  );
  const shown = useMemo(
    () => shownColumnIds(options, choices),
    [options, choices],
  );
  const setShown = useCallback(
    (id: string, show: boolean) => {
      const next = { ...choices, [id]: show };
      // The table follows at once; storage may answer later, or not at all.
      setStored(next);
      bucket.set(COLUMNS_KEY, next).catch(error => errorApi.post(error));
    },
    [bucket, choices, errorApi],
  );
  const reset = useCallback(() => {
    setStored(undefined);
    bucket.remove(COLUMNS_KEY).catch(error => errorApi.post(error));
  }, [bucket, errorApi]);
  const defaults = shownColumnIds(options, undefined);
  return {
    options,
    shown,
    isDefault:
      shown.length === defaults.length &&
      shown.every((id, index) => id === defaults[index]),
    setShown,
    reset,
  };
}
