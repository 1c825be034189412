/*
 * The Lab2Live portal backend (new backend system).
 *
 * Features are listed in `backendFeatures` so that the smoke test boots exactly the
 * backend that `yarn start` runs.
 */
import { createBackend } from '@backstage/backend-defaults';
import { backendFeatures } from './features';

const backend = createBackend();
for (const feature of backendFeatures) {
  backend.add(feature);
}
backend.start();
