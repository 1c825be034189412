import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { notificationService } from '@backstage/plugin-notifications-node';
import { setUpActionsAndNotifications } from './agentsAndNotifications';
import {
  DEFAULT_ENVIRONMENTS,
  lab2livePermissions,
} from '@lab2live/plugin-ml-catalog-common';
import {
  GovernanceCheck,
  mlCatalogGovernanceExtensionPoint,
  MlCatalogStatusProvider,
  mlCatalogStatusProvidersExtensionPoint,
  StatusProviderContext,
} from '@lab2live/plugin-ml-catalog-node';
import type { ChecklistItemDefinition } from '@lab2live/plugin-ml-catalog-common';
import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import { AccessService } from './access/AccessService';
import { readReporters } from './access/reporters';
import { AuditLog } from './audit/AuditLog';
import { GovernanceStore } from './database/GovernanceStore';
import { BUILT_IN_CHECKS } from './governance/checks';
import { readChecklist } from './governance/checklist';
import { readStageRules } from './governance/compliance';
import { readGovernanceSettings, readReviewBoard } from './governance/config';
import { GovernanceService } from './governance/GovernanceService';
import { migrateUp } from './database/migrations';
import { StatusStore } from './database/StatusStore';
import { ObservationStore } from './database/ObservationStore';
import { readSlaSettings } from './service/slaConfig';
import { createRouter } from './service/router';
import { DocumentationService } from './documentation/DocumentationService';
import { StatusService } from './service/StatusService';

const DEFAULT_STALE_AFTER_MS = 24 * 3_600_000;
const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The Lab2Live backend plugin (`ml-catalog`): deployments per environment, SLA status,
 * the audit log and their REST API at `/api/ml-catalog`.
 *
 * @public
 */
export const mlCatalogPlugin = createBackendPlugin({
  pluginId: 'ml-catalog',
  register(env) {
    const providers: MlCatalogStatusProvider[] = [];
    env.registerExtensionPoint(mlCatalogStatusProvidersExtensionPoint, {
      addStatusProvider(...added) {
        providers.push(...added);
      },
    });
    const checks: GovernanceCheck[] = [...BUILT_IN_CHECKS];
    const extraItems: ChecklistItemDefinition[] = [];
    env.registerExtensionPoint(mlCatalogGovernanceExtensionPoint, {
      addChecks(...added) {
        checks.push(...added);
      },
      addChecklistItems(...added) {
        extraItems.push(...added);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        userInfo: coreServices.userInfo,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, database, scheduler, auth } = deps;
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await migrateUp(knex);
        }
        deps.permissionsRegistry.addPermissions(lab2livePermissions);

        const environments = config.getOptionalStringArray(
          'lab2live.environments',
        ) ?? [...DEFAULT_ENVIRONMENTS];
        const staleAfterMs = config.has('lab2live.deployments.staleAfter')
          ? durationToMilliseconds(
              readDurationFromConfig(config, {
                key: 'lab2live.deployments.staleAfter',
              }),
            )
          : DEFAULT_STALE_AFTER_MS;
        const maxFutureSkewMs = config.has('lab2live.maxClockSkew')
          ? durationToMilliseconds(
              readDurationFromConfig(config, { key: 'lab2live.maxClockSkew' }),
            )
          : DEFAULT_MAX_CLOCK_SKEW_MS;
        const access = new AccessService({
          catalog: deps.catalog,
          userInfo: deps.userInfo,
          permissions: deps.permissions,
          reporters: readReporters(config),
          reviewBoard: readReviewBoard(config),
        });
        const slaSettings = readSlaSettings(config);
        const observations = new ObservationStore(knex);
        const audit = new AuditLog(knex);
        await scheduler.scheduleTask({
          id: 'ml-catalog-sla-retention',
          ...slaSettings.expirySchedule,
          fn: async () => {
            const deleted = await observations.expire(slaSettings.retention);
            if (deleted) {
              logger.info(
                `SLA retention: deleted ${deleted} expired observation and roll-up row(s)`,
              );
            }
          },
        });

        const store = new StatusStore(knex, Date.now, {
          maxQueuedEvents: config.getOptionalNumber(
            'lab2live.deployments.maxQueuedEvents',
          ),
        });
        const status = new StatusService({
          store,
          catalog: deps.catalog,
          auth,
          logger,
          environments,
          staleAfterMs,
          maxFutureSkewMs,
          observations,
          sla: { missBudget: slaSettings.missBudget },
          slaTotalsMaxAgeMs: slaSettings.statusMaxAgeMs,
          audit,
        });

        for (const provider of providers) {
          const name = provider.getProviderName();
          // Provider reports take the REST API's path: same checks, limits and store.
          const reporter = AccessService.internalReporter(`provider:${name}`);
          const context: StatusProviderContext = {
            logger: logger.child({ provider: name }),
            reportDeployments: events =>
              status.reportDeploymentBatch(events, reporter),
            confirmDeployments: confirmations =>
              status.confirmDeployments(confirmations, reporter),
            currentDeployments: modelRef => status.currentDeployments(modelRef),
            reportObservations: reported =>
              status.reportObservations(reported, reporter),
          };
          await scheduler.scheduleTask({
            id: `ml-catalog-status-provider:${name}`,
            ...provider.schedule,
            fn: () => provider.refresh(context),
          });
          await provider.connect?.(context);
        }

        const governance = new GovernanceService({
          store: new GovernanceStore(knex),
          status,
          catalog: deps.catalog,
          auth,
          access,
          logger,
          checklist: readChecklist(
            config,
            new Set(checks.map(c => c.id)),
            extraItems,
          ),
          checks,
          stageRules: readStageRules(config),
          productionEnvironment: environments[environments.length - 1],
          audit,
          ...readGovernanceSettings(config),
        });
        // A snapshot being made in the background finishes before the database closes.
        deps.lifecycle.addShutdownHook(() => governance.stop());
        const refreshSchedule = config.has('lab2live.governance.refresh')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig('lab2live.governance.refresh'),
            )
          : {
              frequency: { minutes: 5 },
              timeout: { minutes: 2 },
              initialDelay: { seconds: 30 },
            };
        await scheduler.scheduleTask({
          id: 'ml-catalog-governance-refresh',
          ...refreshSchedule,
          fn: async () => {
            const { evaluated, expired } = await governance.refresh();
            if (evaluated || expired) {
              logger.info(
                `Governance refresh: ${evaluated} automated item(s) changed, ${expired} approval(s) expired`,
              );
            }
          },
        });

        await setUpActionsAndNotifications({
          config,
          logger,
          scheduler,
          auth,
          catalog: deps.catalog,
          knex,
          governance,
          status,
          actionsRegistry: deps.actionsRegistry,
          notifications: deps.notifications,
          productionEnvironment: environments[environments.length - 1],
        });

        deps.httpRouter.use(
          await createRouter({
            status,
            audit,
            governance,
            documentation: new DocumentationService({
              governance,
              status,
              audit,
              catalog: deps.catalog,
            }),
            access,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
          }),
        );
      },
    });
  },
});
