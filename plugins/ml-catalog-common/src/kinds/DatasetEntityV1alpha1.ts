import type { Entity } from '@backstage/catalog-model';
import { DATASET_KIND, LAB2LIVE_API_VERSION } from './constants';

/**
 * The shape of a dataset's data (`spec.type`).
 *
 * @public
 */
export type DatasetType =
  | 'table'
  | 'files'
  | 'stream'
  | 'feature-set'
  | 'other';

/**
 * All values of {@link DatasetType}, in schema order.
 *
 * @public
 */
export const DATASET_TYPES: readonly DatasetType[] = [
  'table',
  'files',
  'stream',
  'feature-set',
  'other',
];

/**
 * A Dataset entity, as described by `Dataset.v1alpha1.schema.json`.
 *
 * @public
 */
export interface DatasetEntityV1alpha1 extends Entity {
  apiVersion: typeof LAB2LIVE_API_VERSION;
  kind: typeof DATASET_KIND;
  spec: {
    type: DatasetType;
    /** Entity reference; default kind Group. */
    owner: string;
    /** Entity reference; default kind System. */
    system?: string;
    lifecycle: string;
    /** Where the data lives: free text or a URL. */
    location?: string;
    version?: string;
    license?: string;
    personalData?: boolean;
    /** Entity references; default kind Dataset. */
    derivedFrom?: string[];
    /** Link to the datasheet. */
    datasheet?: string;
  };
}

/**
 * Tells whether an entity is a Dataset (`lab2live.io/v1alpha1`).
 *
 * @public
 */
export function isDatasetEntity(
  entity: Entity,
): entity is DatasetEntityV1alpha1 {
  return (
    entity.apiVersion === LAB2LIVE_API_VERSION && entity.kind === DATASET_KIND
  );
}
