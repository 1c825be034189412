export { ModelCatalogContent, ModelCatalogPage } from './ModelCatalogPage';
