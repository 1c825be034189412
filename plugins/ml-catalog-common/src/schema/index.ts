import mlModelSchema from './MLModel.v1alpha1.schema.json';
import datasetSchema from './Dataset.v1alpha1.schema.json';
import slaSchema from './SLA.v1alpha1.schema.json';

/**
 * The JSON Schema (draft-07) of an MLModel entity, envelope included.
 *
 * @public
 */
export const mlModelEntityV1alpha1Schema = mlModelSchema;

/**
 * The JSON Schema (draft-07) of a Dataset entity, envelope included.
 *
 * @public
 */
export const datasetEntityV1alpha1Schema = datasetSchema;

/**
 * The JSON Schema (draft-07) of an SLA entity, envelope included.
 *
 * @public
 */
export const slaEntityV1alpha1Schema = slaSchema;
