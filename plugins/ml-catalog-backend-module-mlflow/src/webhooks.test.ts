import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mlflowSignature, WebhookDeliveries } from './webhooks';

// SQLite always; PostgreSQL and MySQL when BACKSTAGE_TEST_DATABASE_<ID>_CONNECTION_STRING
// names a server. No Docker.
const ALL: TestDatabaseId[] = ['SQLITE_3', 'POSTGRES_15', 'MYSQL_8'];
const databases = TestDatabases.create({ ids: ALL, disableDocker: true });
const ids = ALL.filter(id => databases.supports(id));

describe('mlflowSignature', () => {
  it("signs '<delivery id>.<timestamp>.<body>' as MLflow does: v1, then base64 HMAC-SHA256", () => {
    // Worked out independently: printf 'd-1.1700000000.{}' | openssl dgst -sha256 -hmac s -binary | base64
    expect(mlflowSignature('s', 'd-1', '1700000000', '{}')).toBe(
      'v1,dIJ9FIBollfcPlu6tU97qi4HMTsvD6ycHqZqm2RNugA=',
    );
  });
});

describe.each(ids)('webhook deliveries on %s', databaseId => {
  it('lets one caller claim a delivery id, concurrently too, prunes old ones, and migrates down', async () => {
    const knex = await databases.init(databaseId);
    const deliveries = await WebhookDeliveries.create({
      getClient: async () => knex,
    });
    const now = Date.now();
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => deliveries.claim('d-1', now, 600_000)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await deliveries.claim('d-2', now, 600_000)).toBe(true);
    // Much later: d-1 and d-2 are pruned (a delivery that old is refused by its time).
    expect(await deliveries.claim('d-3', now + 700_000, 600_000)).toBe(true);
    expect(
      (await knex('mlflow_webhook_deliveries').select('delivery_id')).map(
        r => r.delivery_id,
      ),
    ).toEqual(['d-3']);

    await knex.migrate.rollback(
      {
        directory: resolvePackagePath(
          '@lab2live/plugin-ml-catalog-backend-module-mlflow',
          'migrations',
        ),
        tableName: 'knex_migrations_ml_catalog_mlflow',
      },
      true,
    );
    expect(await knex.schema.hasTable('mlflow_webhook_deliveries')).toBe(false);
  });
});
