import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

// Every engine the store supports. SQLite always runs; PostgreSQL and MySQL run when
// BACKSTAGE_TEST_DATABASE_<ID>_CONNECTION_STRING names a server (CI sets them). No Docker.
const ALL_IDS: TestDatabaseId[] = [
  'SQLITE_3',
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'MYSQL_8',
];

/** The test databases, and which engines are configured here. */
export function createTestDatabases() {
  const databases = TestDatabases.create({ ids: ALL_IDS, disableDocker: true });
  const ids = ALL_IDS.filter(id => databases.supports(id));
  const missing = [
    ids.some(id => id.startsWith('POSTGRES'))
      ? undefined
      : 'PostgreSQL (set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING)',
    ids.includes('MYSQL_8')
      ? undefined
      : 'MySQL/MariaDB (set BACKSTAGE_TEST_DATABASE_MYSQL8_CONNECTION_STRING)',
  ].filter((engine): engine is string => engine !== undefined);
  return { databases, ids, missing };
}
