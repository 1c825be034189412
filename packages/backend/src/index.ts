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
backend.start().catch(error => {
  // Each plugin's failure is in the log already. A backend that did not start serves
  // nothing: exit, so that a container restarts or stops and `node packages/backend`
  // says so, instead of running on with no API (e.g. lab2live.governance.reviewBoard
  // missing in production).
  process.stderr.write(`The backend did not start: ${error}\n`);
  process.exit(1);
});
