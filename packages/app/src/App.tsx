import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import techdocsPlugin from '@backstage/plugin-techdocs/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import { catalogGraphMlRelationsModule } from '@lab2live/plugin-ml-catalog';
import mlCatalogPlugin from '@lab2live/plugin-ml-catalog/alpha';
import { appShellModule } from './modules/appShell';

/** The features of the portal, listed here so tests render exactly what users get. */
export const appFeatures = [
  catalogPlugin,
  catalogGraphPlugin,
  catalogGraphMlRelationsModule,
  mlCatalogPlugin,
  scaffolderPlugin,
  searchPlugin,
  orgPlugin,
  apiDocsPlugin,
  techdocsPlugin,
  userSettingsPlugin,
  notificationsPlugin,
  signalsPlugin,
  appShellModule,
];

export default createApp({ features: appFeatures });
