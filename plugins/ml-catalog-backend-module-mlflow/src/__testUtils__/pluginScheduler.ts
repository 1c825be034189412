import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';

/**
 * A module that catches the ml-catalog plugin's scheduler, so a test can run the
 * status providers' tasks on demand (`triggerTask`) after the one run at startup.
 */
export function catchPluginScheduler() {
  const caught: { scheduler?: SchedulerService } = {};
  const module = createBackendModule({
    pluginId: 'ml-catalog',
    moduleId: 'test-scheduler',
    register(env) {
      env.registerInit({
        deps: { pluginScheduler: coreServices.scheduler },
        async init({ pluginScheduler }) {
          caught.scheduler = pluginScheduler;
        },
      });
    },
  });
  return {
    module,
    scheduler: () => {
      if (!caught.scheduler) throw new Error('the backend has not started');
      return caught.scheduler;
    },
  };
}
