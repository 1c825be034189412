export * from './MlCatalogStatusApi';
