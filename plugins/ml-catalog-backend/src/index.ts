/**
 * The Lab2Live backend plugin: deployment status per environment, SLA status with error
 * budgets, the audit log, and their REST API.
 *
 * @packageDocumentation
 */

export { mlCatalogPlugin as default } from './plugin';
