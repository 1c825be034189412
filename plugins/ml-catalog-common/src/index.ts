/**
 * Lab2Live catalog kinds (MLModel, Dataset, SLA): JSON Schemas, types,
 * validators, type guards, relation names and helpers shared by the
 * frontend and backend packages.
 *
 * @packageDocumentation
 */

export * from './kinds';
export * from './schema';
export * from './validation';
export * from './relations';
export * from './helpers';
export * from './metrics';
export * from './interop';
export * from './governance';
export * from './permissions';
export * from './status';
export * from './sources';
