export * from './deployments';
export * from './sla';
export * from './api';
export * from './reportSchemas';
