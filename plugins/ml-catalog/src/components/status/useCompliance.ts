import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlCatalogGovernanceApiRef } from '../../api';

/**
 * The compliance of the given models (all models when undefined), in one request.
 * `key` keeps the request stable while the list of models is the same.
 */
export function useCompliance(models?: string[]) {
  const api = useApi(mlCatalogGovernanceApiRef);
  const key = models?.join('|');
  return useAsyncRetry(async () => {
    if (models && models.length === 0) return undefined;
    const { items } = await api.getCompliance(models ? { model: models } : {});
    return new Map(items.map(item => [item.model, item]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);
}
