import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlCatalogStatusApiRef } from '../../api';

/** A model's deployments and SLA status from the Lab2Live backend. */
export function useModelStatus(modelRef: string) {
  const api = useApi(mlCatalogStatusApiRef);
  return useAsyncRetry(() => api.getModelStatus(modelRef), [api, modelRef]);
}

/**
 * The status summary of the given models (all models when undefined), in one request.
 * `key` keeps the request stable while the list of models is the same.
 */
export function useStatusSummary(models?: string[]) {
  const api = useApi(mlCatalogStatusApiRef);
  const key = models?.join('|');
  return useAsyncRetry(
    async () =>
      models && models.length === 0 ? undefined : api.getStatusSummary(models),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
}
