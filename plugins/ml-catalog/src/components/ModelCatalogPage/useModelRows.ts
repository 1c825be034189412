import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useEffect, useState } from 'react';
import type {
  ComplianceResponse,
  StatusSummaryResponse,
} from '@lab2live/plugin-ml-catalog-common';
import { mlCatalogGovernanceApiRef, mlCatalogStatusApiRef } from '../../api';
import {
  MODEL_ENTITY_FILTER,
  MODEL_TABLE_FIELDS,
  ModelRow,
  toModelRow,
} from './modelRows';

/** What the page knows about the models so far. */
export interface ModelRowsState {
  /** Every model, once the full list has arrived. */
  rows?: ModelRow[];
  /** The first page by name, shown while the full list is on its way. */
  firstPage?: ModelRow[];
  ownershipRefs: string[];
  loading: boolean;
  error?: Error;
  /** Deployments and SLA status of every model, in one backend request. */
  status?: StatusSummaryResponse;
  /** Why the status is missing; the catalog part of the page works without it. */
  statusError?: Error;
  /** The compliance of every MLModel, in one backend request. */
  compliance?: ComplianceResponse;
  complianceError?: Error;
}

function toRows(items: Parameters<typeof toModelRow>[0][]): ModelRow[] {
  return items
    .map(toModelRow)
    .filter((row): row is ModelRow => row !== undefined);
}

/**
 * Every model in the catalog as table rows, in one catalog request that asks only for
 * the fields the table shows. When `firstPageSize` is set, a small request brings
 * the first page by name first, so the table shows rows before the full list (needed
 * for facet counts, search and sorting) has arrived; the full list follows once it has
 * answered. Deployment and SLA status come in one more request, for all models at once.
 */
export function useModelRows(firstPageSize?: number): ModelRowsState {
  const catalogApi = useApi(catalogApiRef);
  const identityApi = useApi(identityApiRef);
  const statusApi = useApi(mlCatalogStatusApiRef);
  const governanceApi = useApi(mlCatalogGovernanceApiRef);
  const [state, setState] = useState<ModelRowsState>({
    ownershipRefs: [],
    loading: true,
  });

  useEffect(() => {
    let live = true;
    const update = (change: Partial<ModelRowsState>) => {
      if (live) setState(previous => ({ ...previous, ...change }));
    };
    const readEverything = () => {
      if (!live) return;
      statusApi.getStatusSummary().then(
        status => update({ status }),
        statusError => update({ statusError }),
      );
      governanceApi.getCompliance().then(
        compliance => update({ compliance }),
        complianceError => update({ complianceError }),
      );
      Promise.all([
        catalogApi.getEntities({
          filter: MODEL_ENTITY_FILTER,
          fields: MODEL_TABLE_FIELDS,
        }),
        identityApi.getBackstageIdentity(),
      ]).then(
        ([{ items }, identity]) =>
          update({
            rows: toRows(items),
            ownershipRefs: identity.ownershipEntityRefs,
            loading: false,
          }),
        error => update({ error, loading: false }),
      );
    };
    if (firstPageSize) {
      // The first page goes alone: the reads of every model keep the backend busy for
      // seconds at ten thousand models, and a small query sent beside them waits for
      // them. They follow as soon as it has answered (or failed).
      catalogApi
        .queryEntities({
          filter: MODEL_ENTITY_FILTER,
          fields: MODEL_TABLE_FIELDS,
          limit: firstPageSize,
          orderFields: { field: 'metadata.name', order: 'asc' },
          // The page counts the models once all have arrived.
          totalItems: 'exclude',
        })
        .then(
          ({ items }) => update({ firstPage: toRows(items) }),
          // The full request reports errors; a failed preview changes nothing.
          () => undefined,
        )
        .finally(readEverything);
    } else {
      readEverything();
    }
    return () => {
      live = false;
    };
    // The preview is decided on the first render only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, identityApi, statusApi, governanceApi]);

  return state;
}
