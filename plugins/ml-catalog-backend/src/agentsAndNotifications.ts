import type {
  AuthService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import { registerMlCatalogActions } from './actions/mlCatalogActions';
import { AuditLog } from './audit/AuditLog';
import { GovernanceStore } from './database/GovernanceStore';
import { readReviewBoard } from './governance/config';
import { GovernanceService } from './governance/GovernanceService';
import { GovernanceNotifier } from './notifications/GovernanceNotifier';
import { NotificationLedger } from './notifications/NotificationLedger';
import { StatusService } from './service/StatusService';

/** The id of the scheduled task that sends Lab2Live's notifications. */
export const NOTIFICATIONS_TASK_ID = 'ml-catalog-notifications';

/**
 * Registers Lab2Live's actions (served over MCP) and schedules its notifications; both
 * use the services the REST API uses.
 */
export async function setUpActionsAndNotifications(options: {
  config: RootConfigService;
  logger: LoggerService;
  scheduler: SchedulerService;
  auth: AuthService;
  catalog: CatalogService;
  knex: Knex;
  governance: GovernanceService;
  status: StatusService;
  actionsRegistry: ActionsRegistryService;
  notifications: NotificationService;
  productionEnvironment: string;
}) {
  const { config, logger, scheduler } = options;
  registerMlCatalogActions({
    actionsRegistry: options.actionsRegistry,
    governance: options.governance,
    status: options.status,
    catalog: options.catalog,
    appBaseUrl: (config.getOptionalString('app.baseUrl') ?? '').replace(
      /\/$/,
      '',
    ),
  });

  if (config.getOptionalBoolean('lab2live.notifications.enabled') === false) {
    return;
  }
  const notifier = new GovernanceNotifier({
    ledger: new NotificationLedger(options.knex),
    audit: new AuditLog(options.knex),
    store: new GovernanceStore(options.knex),
    status: options.status,
    catalog: options.catalog,
    auth: options.auth,
    notifications: options.notifications,
    logger,
    reviewBoard: readReviewBoard(config),
    productionEnvironment: options.productionEnvironment,
  });
  await scheduler.scheduleTask({
    id: NOTIFICATIONS_TASK_ID,
    ...(config.has('lab2live.notifications.schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('lab2live.notifications.schedule'),
        )
      : {
          frequency: { minutes: 1 },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 20 },
        }),
    fn: async () => {
      const { sent } = await notifier.run();
      if (sent) logger.info(`Sent ${sent} Lab2Live notification(s)`);
    },
  });
}
