import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { DEFAULT_LIFECYCLE_STAGES } from '@lab2live/plugin-ml-catalog-common';

/** The configured lifecycle stages in order (`lab2live.lifecycle.stages`). */
export function useLifecycleStages(): string[] {
  const config = useApi(configApiRef);
  return (
    config.getOptionalStringArray('lab2live.lifecycle.stages') ?? [
      ...DEFAULT_LIFECYCLE_STAGES,
    ]
  );
}
