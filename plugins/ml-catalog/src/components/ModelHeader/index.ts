export { ModelHeader } from './ModelHeader';
