/**
 * Scaffolder actions for Lab2Live templates: risk assessment, validation of the
 * generated catalog files, deployment reports, governance review requests and local
 * publishing.
 *
 * @packageDocumentation
 */
export { scaffolderModuleMlCatalog as default } from './module';
export { createRiskAssessAction } from './actions/riskAssess';
export { createEntityValidateAction } from './actions/entityValidate';
export { createDeploymentReportAction } from './actions/deploymentReport';
export { createReviewCreateAction } from './actions/reviewCreate';
export { createHuggingfaceImportAction } from './actions/huggingfaceImport';
export {
  createPublishLocalAction,
  DEFAULT_LOCAL_PUBLISH_DIRECTORY,
} from './actions/publishLocal';
