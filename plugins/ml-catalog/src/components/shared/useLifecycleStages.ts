import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { DEFAULT_LIFECYCLE_STAGES } from '@lab2live/plugin-ml-catalog-common';
import { useMemo } from 'react';

/**
 * The configured lifecycle stages in order (`lab2live.lifecycle.stages`): the same array
 * while the config is the same, so memoised filtering and sorting keyed on it hold.
 */
export function useLifecycleStages(): string[] {
  const config = useApi(configApiRef);
  return useMemo(
    () =>
      config.getOptionalStringArray('lab2live.lifecycle.stages') ?? [
        ...DEFAULT_LIFECYCLE_STAGES,
      ],
    [config],
  );
}
