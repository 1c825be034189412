/*
 * The benchmark's backend: the ml-catalog plugin on a real database, with a catalog of
 * generated models, in a process of its own. Prints `PORT <n>` when it listens.
 *
 * The real catalog backend runs beside it on the same database server, for the
 * reference read: the benchmark fills its tables with the same entities, and its own
 * `GET /api/catalog/entities?filter=kind=mlmodel` is what the plugin's reads are
 * compared with. The plugin itself reads them from a map (below), so its figures hold
 * the plugin's own work.
 */
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { mlCatalogPlugin } from '../src/plugin';
import { benchEntities } from './fixtures';

/**
 * A catalog that answers from a map, as the real catalog answers from indexed tables:
 * the benchmark measures the plugin, not a linear scan in a test double.
 */
function mapCatalog(entities: Entity[]) {
  const byRef = new Map(
    entities.map(e => [stringifyEntityRef(e).toLocaleLowerCase('en-US'), e]),
  );
  const service = {
    async getEntityByRef(ref: string) {
      return byRef.get(ref.toLocaleLowerCase('en-US'));
    },
    async getEntitiesByRefs(request: { entityRefs: string[] }) {
      return {
        items: request.entityRefs.map(ref =>
          byRef.get(ref.toLocaleLowerCase('en-US')),
        ),
      };
    },
    async getEntities(request?: {
      filter?: Record<string, string> | Array<Record<string, string>>;
    }) {
      const filters = ([] as Array<Record<string, string>>).concat(
        request?.filter ?? [],
      );
      const matches = (e: Entity, f: Record<string, string>) =>
        Object.entries(f).every(([key, value]) =>
          key === 'kind'
            ? e.kind.toLocaleLowerCase('en-US') ===
              value.toLocaleLowerCase('en-US')
            : key === 'spec.type' && e.spec?.type === value,
        );
      return {
        items: filters.length
          ? entities.filter(e => filters.some(f => matches(e, f)))
          : entities,
      };
    },
  };
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => service as any,
  });
}

async function main() {
  const database = JSON.parse(process.env.BENCH_DATABASE!);
  const backend = await startTestBackend({
    features: [
      mlCatalogPlugin,
      catalogPlugin,
      mapCatalog(benchEntities(Number(process.env.BENCH_MODELS))),
      databaseServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: { database },
          // Nothing to discover: the benchmark writes the catalog's tables itself.
          catalog: { processingInterval: { hours: 24 } },
          lab2live: {
            environments: ['dev', 'staging', 'production'],
            governance: { reviewBoard: ['group:default/model-risk-board'] },
            // The benchmark's pipeline reports for every model, checked on every post.
            reporters: [{ subject: 'external:bench', models: { all: true } }],
            // The seeded month of raw observations stays: nothing expires mid-run.
            sla: { retention: { observations: { days: 40 } } },
          },
        },
      }),
    ],
  });
  process.stdout.write(`PORT ${backend.server.port()}\n`);
  process.on('SIGTERM', () => backend.stop().then(() => process.exit(0)));
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
