/*
 * A backend that loads Lab2Live only as dynamic plugins, the way Red Hat Developer Hub
 * does: the catalog and the scaffolder are built in, everything of Lab2Live comes from
 * the exported packages under `dynamicPlugins.rootDirectory`.
 */
import { createBackend } from '@backstage/backend-defaults';
import { dynamicPluginsFeatureLoader } from '@backstage/backend-dynamic-feature-service';

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(dynamicPluginsFeatureLoader);
backend.start();
