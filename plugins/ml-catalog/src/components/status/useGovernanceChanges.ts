import { useApi } from '@backstage/core-plugin-api';
import { useEffect, useState } from 'react';
import { mlCatalogGovernanceApiRef } from '../../api';

/**
 * A number that grows with every governance write made in this app (open, set an item,
 * submit, decide...): a read that depends on it runs again after each write, so a card
 * never shows the state from before a change the user just made.
 */
export function useGovernanceChanges(): number {
  const api = useApi(mlCatalogGovernanceApiRef);
  const [changes, setChanges] = useState(0);
  useEffect(() => api.onChange?.(() => setChanges(n => n + 1)), [api]);
  return changes;
}
