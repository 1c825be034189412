export * from './MlCatalogStatusApi';
export * from './MlCatalogGovernanceApi';
