export { MlModelCardCard } from './ModelCardCard';
export { MlModelLifecycleCard } from './MlModelLifecycleCard';
export { MlModelMetricsCard } from './MlModelMetricsCard';
export { MlModelDatasetsCard } from './MlModelDatasetsCard';
export { MlModelSlasCard } from './MlModelSlasCard';
export { MlModelDeploymentsCard } from './MlModelDeploymentsCard';
export { MlModelDeploymentsContent } from './MlModelDeploymentsContent';
export { MlModelServicesCard } from './MlModelServicesCard';
export { EntityMlModelsCard } from './EntityMlModelsCard';
export {
  EntityDatasetLineageCard,
  EntityDatasetModelsCard,
} from './DatasetCards';
export { EntitySlaModelsCard, EntitySlaObjectivesCard } from './SlaCards';
export { EntityOwnedModelsCard } from './EntityOwnedModelsCard';
export { MlModelComplianceCard } from './MlModelComplianceCard';
export { ModelGovernanceContent as MlModelGovernanceContent } from '../governance';
