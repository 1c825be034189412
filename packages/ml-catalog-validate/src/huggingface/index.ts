export {
  DEFAULT_HUB_URL,
  HubError,
  parseModelCard,
  readHubModel,
} from './hubClient';
export type { HubModel, HubModelInfo, HubOptions } from './hubClient';
export { hubModelToEntities } from './toEntities';
export type { HubImport, HubImportOptions } from './toEntities';
