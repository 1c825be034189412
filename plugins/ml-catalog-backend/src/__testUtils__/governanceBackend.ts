import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { mlCatalogPlugin } from '../plugin';

/** Who belongs to which group; the review board decides approvals and waivers. */
export const MEMBERSHIP: Record<string, string[]> = {
  'user:default/maya': ['group:default/data-science'],
  'user:default/pat': ['group:default/payments'],
  'user:default/dana': ['group:default/risk-board'],
  'user:default/lee': ['group:default/risk-board'],
  // On the board and in the team that owns the churn model.
  'user:default/sam': [
    'group:default/risk-board',
    'group:default/data-science',
  ],
  'user:default/intern': ['group:default/data-science'],
  // On the board and in the vision team, which owns vision-model when its review opens.
  'user:default/olga': ['group:default/risk-board', 'group:default/vision'],
  'user:default/vic': ['group:default/risk-board', 'group:default/vision'],
  // In the churn team, but may not read reviews.
  'user:default/blind': ['group:default/data-science'],
  // The only people who may see models of the secret team in the catalog.
  'user:default/spy': ['group:default/secret'],
};

/** People the test policy denies everything, or only reading reviews. */
const DENIED_ALL = ['user:default/intern'];
const DENIED_READ = ['user:default/blind'];

/** Entities with this annotation are visible only to members of the named group. */
export const VISIBLE_TO = 'lab2live.io/test-visible-to';

const BOARD_ONLY = ['lab2live.review.approve', 'lab2live.waiver.create'];

const dataset = (name: string): Entity => ({
  apiVersion: 'lab2live.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name, namespace: 'default' },
  spec: { type: 'table', owner: 'group:data-platform', personalData: true },
});

const sla = (name: string, model: string): Entity => ({
  apiVersion: 'lab2live.io/v1alpha1',
  kind: 'SLA',
  metadata: { name, namespace: 'default' },
  spec: {
    owner: 'group:data-science',
    appliesTo: [`mlmodel:${model}`],
    window: '30d',
    objectives: [
      { indicator: 'latency_p95_ms', op: 'lte', target: 120 },
      { indicator: 'availability_pct', op: 'gte', target: 99.5 },
      { indicator: 'model_age_days', op: 'lte', target: 90 },
    ],
  },
  relations: [{ type: 'slaOf', targetRef: `mlmodel:default/${model}` }],
});

const model = (
  name: string,
  owner: string,
  riskTier: string,
  extra: Record<string, unknown> = {},
): Entity => ({
  apiVersion: 'lab2live.io/v1alpha1',
  kind: 'MLModel',
  metadata: { name, namespace: 'default', title: name.replace(/-/g, ' ') },
  spec: {
    type: 'classification',
    owner,
    lifecycle: 'production',
    version: '8',
    license: 'proprietary',
    intendedUse: { primaryUses: 'Rank offers.', outOfScope: 'Credit.' },
    datasets: [
      { ref: 'features', role: 'training', version: '2024-06' },
      { ref: 'holdout', role: 'evaluation', version: '2024-Q2' },
    ],
    slas: [`sla:${name}-sla`],
    governance: { riskTier, personalData: true },
    ...extra,
  },
  relations: [{ type: 'hasSla', targetRef: `sla:default/${name}-sla` }],
});

/** Models of three risk tiers, their datasets and SLAs. */
export const governanceEntities: Entity[] = [
  model('churn-predictor', 'group:data-science', 'limited'),
  model('fraud-detector', 'group:payments', 'high'),
  model('social-scoring', 'group:payments', 'prohibited'),
  {
    ...model('bare-model', 'group:data-science', 'minimal', {
      license: undefined,
      datasets: [],
      slas: [],
      intendedUse: undefined,
    }),
    relations: [],
  },
  dataset('features'),
  dataset('holdout'),
  sla('churn-predictor-sla', 'churn-predictor'),
  sla('fraud-detector-sla', 'fraud-detector'),
  sla('social-scoring-sla', 'social-scoring'),
];

/**
 * The backend plugin with a catalog of {@link governanceEntities}, the memberships
 * above, and a policy that gives approvals and waivers to the review board and denies
 * the intern everything.
 */
export async function startGovernanceBackend(
  options: {
    entities?: Entity[];
    config?: object;
    features?: unknown[];
    /** A real database (TestDatabases); an in-memory SQLite one otherwise. */
    knex?: Knex;
  } = {},
) {
  const { server } = await startTestBackend({
    features: [
      mlCatalogPlugin,
      visibilityCatalog(options.entities ?? governanceEntities),
      ...(options.knex
        ? [
            createServiceFactory({
              service: coreServices.database,
              deps: {},
              factory: () => ({ getClient: async () => options.knex! }),
            }),
          ]
        : []),
      mockServices.rootConfig.factory({
        data: withTestDefaults(options.config ?? {}),
      }),
      mockServices.userInfo.mock({
        getUserInfo: async credentials => {
          const ref = (credentials.principal as { userEntityRef: string })
            .userEntityRef;
          return {
            userEntityRef: ref,
            ownershipEntityRefs: [ref, ...(MEMBERSHIP[ref] ?? [])],
          };
        },
      }).factory,
      mockServices.permissions.mock({
        authorize: async (requests, opts) => {
          const ref = (
            opts?.credentials.principal as { userEntityRef?: string }
          ).userEntityRef;
          const board = (MEMBERSHIP[ref ?? ''] ?? []).includes(
            'group:default/risk-board',
          );
          return requests.map(r => {
            const name = (r as { permission: { name: string } }).permission
              .name;
            const allowed =
              !DENIED_ALL.includes(ref ?? '') &&
              !(
                DENIED_READ.includes(ref ?? '') &&
                name === 'lab2live.review.read'
              ) &&
              (!BOARD_ONLY.includes(name) || board);
            return {
              result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
            };
          });
        },
        // The catalog's read, as a policy that hides VISIBLE_TO entities from people
        // outside the group would answer it; services see every entity.
        authorizeConditional: async (requests, opts) => {
          const principal = opts?.credentials.principal as {
            type?: string;
            userEntityRef?: string;
          };
          return requests.map(r => {
            if (principal.type !== 'user')
              return { result: AuthorizeResult.ALLOW };
            if (DENIED_ALL.includes(principal.userEntityRef ?? '')) {
              return { result: AuthorizeResult.DENY };
            }
            return {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: r.permission.resourceType,
              conditions: {
                rule: 'IS_VISIBLE_TO_MEMBERS',
                resourceType: r.permission.resourceType,
                params: { annotation: VISIBLE_TO },
              },
            };
          }) as any;
        },
      }).factory,
      ...((options.features ?? []) as any[]),
    ],
  });
  return server;
}

/**
 * The catalog as catalogServiceMock answers it, except that an entity annotated with
 * {@link VISIBLE_TO} is hidden from users outside that group, as a permission policy
 * on catalog entities would hide it. Services see everything.
 */
function visibilityCatalog(entities: Entity[]) {
  const inner = catalogServiceMock({ entities });
  // Decided on the whole entity: a read asking for some fields gets no annotations.
  const groupOf = new Map(
    entities.map(e => [
      `${e.kind}:${e.metadata.namespace ?? 'default'}/${
        e.metadata.name
      }`.toLocaleLowerCase('en-US'),
      e.metadata.annotations?.[VISIBLE_TO],
    ]),
  );
  const visible = (
    entity: Entity | undefined,
    credentials?: BackstageCredentials,
  ) => {
    const group =
      entity &&
      groupOf.get(
        `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
          entity.metadata.name
        }`.toLocaleLowerCase('en-US'),
      );
    const principal = credentials?.principal as
      | { type?: string; userEntityRef?: string }
      | undefined;
    if (!entity || !group || principal?.type !== 'user') return !!entity;
    return (MEMBERSHIP[principal.userEntityRef ?? ''] ?? []).includes(group);
  };
  const service = {
    async getEntityByRef(
      ref: any,
      opts: { credentials: BackstageCredentials },
    ) {
      const entity = await inner.getEntityByRef(ref, opts);
      return visible(entity, opts?.credentials) ? entity : undefined;
    },
    async getEntitiesByRefs(
      req: any,
      opts: { credentials: BackstageCredentials },
    ) {
      const { items } = await inner.getEntitiesByRefs(req, opts);
      return {
        items: items.map(e => (visible(e, opts?.credentials) ? e : undefined)),
      };
    },
    async getEntities(req: any, opts: { credentials: BackstageCredentials }) {
      const { items } = await inner.getEntities(req, opts);
      return { items: items.filter(e => visible(e, opts?.credentials)) };
    },
  };
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => service as any,
  });
}

/**
 * The settings every test backend needs (the review board), under a test's own: the
 * plugin refuses to start without `lab2live.governance.reviewBoard`.
 */
export function withTestDefaults(config: Record<string, any>) {
  const lab2live = config.lab2live ?? {};
  return {
    ...config,
    lab2live: {
      // The test pipelines may report for every model.
      reporters: [
        { subject: 'external:ci', models: { all: true } },
        { subject: 'external:monitoring', models: { all: true } },
      ],
      ...lab2live,
      governance: {
        reviewBoard: ['group:default/risk-board'],
        ...lab2live.governance,
      },
    },
  };
}

/** Calls the API as a user. */
export function as(server: any, user: string) {
  const auth = mockCredentials.user.header(`user:default/${user}`);
  const base = '/api/ml-catalog';
  return {
    get: (path: string) =>
      request(server).get(`${base}${path}`).set('Authorization', auth),
    post: (path: string, body: object) =>
      request(server)
        .post(`${base}${path}`)
        .set('Authorization', auth)
        .send(body),
    put: (path: string, body: object) =>
      request(server)
        .put(`${base}${path}`)
        .set('Authorization', auth)
        .send(body),
  };
}
