import {
  coreServices,
  createBackendModule,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { Review } from '@lab2live/plugin-ml-catalog-common';
import { SIGN_IN_AS_COOKIE } from './guestSignIn';

const DAY = 86_400_000;

/** One step of the example story, taken by a person of the example organisation. */
type Step =
  | { person: string; open: { model: string; version: string } }
  | { person: string; complete: 'all' | 'half'; except?: string[] }
  | { person: string; waive: { item: string; days: number; reason: string } }
  | { person: string; submit: true }
  | {
      person: string;
      decide: 'approve' | 'request_changes' | 'reject';
      note?: string;
    };

/**
 * Reviews in every state, each made the way people make them in the portal: the owners
 * open and complete a review, the model risk board waives, approves, asks for changes
 * or rejects.
 */
const STORIES: Step[][] = [
  // High risk, two approvals, and a waiver that ends within the month.
  [
    {
      person: 'grace',
      open: { model: 'mlmodel:default/payment-fraud-detector', version: '5' },
    },
    { person: 'grace', complete: 'all', except: ['rollback-tested'] },
    { person: 'grace', submit: true },
    {
      person: 'dana',
      waive: {
        item: 'rollback-tested',
        days: 20,
        reason:
          'The rollback drill is booked for the next sprint; the previous version stays warm meanwhile',
      },
    },
    { person: 'dana', decide: 'approve', note: 'Evidence complete' },
    { person: 'hannah', decide: 'approve', note: 'Agree' },
  ],
  // Submitted and waiting for the board: the guest can review it.
  [
    {
      person: 'kenji',
      open: { model: 'mlmodel:default/title-recommender', version: '31' },
    },
    { person: 'kenji', complete: 'all', except: ['skew-monitored'] },
    {
      person: 'samuel',
      waive: {
        item: 'skew-monitored',
        days: 45,
        reason:
          'Skew monitors ship with the feature store migration in January',
      },
    },
    { person: 'kenji', submit: true },
  ],
  // The churn team's draft, half done: the guest (in that team) can finish it.
  [
    {
      person: 'maya',
      open: { model: 'mlmodel:default/churn-predictor', version: '8' },
    },
    { person: 'maya', complete: 'half' },
  ],
  // Changes requested.
  [
    {
      person: 'pieter',
      open: { model: 'mlmodel:default/support-ticket-router', version: '2' },
    },
    { person: 'pieter', complete: 'all' },
    { person: 'pieter', submit: true },
    {
      person: 'hannah',
      decide: 'request_changes',
      note: 'Add the per-language quality report: the router misroutes Dutch tickets',
    },
  ],
  // A prohibited practice: rejected.
  [
    {
      person: 'marek',
      open: { model: 'mlmodel:default/customer-trust-score', version: '2' },
    },
    { person: 'marek', submit: true },
    {
      person: 'samuel',
      decide: 'reject',
      note: 'Social scoring of customers is an Article 5 practice',
    },
  ],
];

/** The ml-catalog API as one example person, signed in through the guest provider. */
class Person {
  private token?: string;

  constructor(
    private readonly name: string,
    private readonly discovery: DiscoveryService,
  ) {}

  private async signIn(): Promise<string> {
    if (this.token) return this.token;
    const auth = await this.discovery.getBaseUrl('auth');
    const response = await fetch(`${auth}/guest/refresh`, {
      headers: {
        cookie: `${SIGN_IN_AS_COOKIE}=${this.name}`,
        'x-requested-with': 'XMLHttpRequest',
      },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const body = await response.json();
    this.token = body.backstageIdentity.token as string;
    return this.token;
  }

  /** Calls a plugin's API (the ml-catalog's unless another is named) as this person. */
  async call<T>(
    path: string,
    method = 'GET',
    body?: object,
    pluginId = 'ml-catalog',
  ): Promise<T> {
    const base = await this.discovery.getBaseUrl(pluginId);
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.signIn()}`,
        'content-type': 'application/json',
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json() as Promise<T>;
  }
}

/** Throws, naming them, while the catalog lacks a model or person of the stories. */
async function requireInCatalog(reader: Person): Promise<void> {
  const steps = STORIES.flat();
  const refs = [
    ...new Set([
      ...steps.flatMap(step => ('open' in step ? [step.open.model] : [])),
      ...steps.map(step => `user:default/${step.person}`),
    ]),
  ];
  const { items } = await reader.call<{ items: unknown[] }>(
    '/entities/by-refs',
    'POST',
    { entityRefs: refs, fields: ['kind'] },
    'catalog',
  );
  const missing = refs.filter((_, index) => !items[index]);
  if (missing.length > 0) {
    throw new Error(`the catalog does not hold ${missing.join(', ')} yet`);
  }
}

async function tell(
  story: Step[],
  people: (name: string) => Person,
  clock: () => number,
): Promise<void> {
  let review: Review | undefined;
  for (const step of story) {
    const person = people(step.person);
    if ('open' in step) {
      review = await person.call<Review>('/reviews', 'POST', step.open);
      continue;
    }
    const current: Review = review!;
    const base = `/reviews/${current.id}`;
    if ('complete' in step) {
      const attested = current.items.filter(
        i => i.mode === 'attestation' && !(step.except ?? []).includes(i.id),
      );
      const count =
        step.complete === 'all'
          ? attested.length
          : Math.ceil(attested.length / 2);
      let next = current;
      for (const item of attested.slice(0, count)) {
        next = await person.call<Review>(`${base}/items/${item.id}`, 'PUT', {
          revision: next.revision,
          status: 'pass',
          evidence: [
            `https://wiki.example.com/ml/${next.model.split('/')[1]}/${
              item.id
            }`,
          ],
          note: `Checked for version ${next.version}`,
        });
      }
      review = next;
    } else if ('waive' in step) {
      review = await person.call<Review>(
        `${base}/items/${step.waive.item}/waiver`,
        'POST',
        {
          revision: current.revision,
          reason: step.waive.reason,
          expiresAt: new Date(clock() + step.waive.days * DAY)
            .toISOString()
            .slice(0, 10),
        },
      );
    } else if ('submit' in step) {
      review = await person.call<Review>(`${base}/submit`, 'POST', {
        revision: current.revision,
      });
    } else {
      review = await person.call<Review>(`${base}/decisions`, 'POST', {
        revision: current.revision,
        decision: step.decide,
        ...(step.note ? { note: step.note } : {}),
      });
    }
  }
}

/**
 * Tells the example review stories once, when the store holds no review yet and the
 * catalog knows the people and models. Retries on the next run until it has.
 */
export async function seedExampleReviews(options: {
  discovery: DiscoveryService;
  logger: LoggerService;
  clock?: () => number;
}): Promise<boolean> {
  const clock = options.clock ?? Date.now;
  const cache = new Map<string, Person>();
  const people = (name: string) => {
    if (!cache.has(name)) cache.set(name, new Person(name, options.discovery));
    return cache.get(name)!;
  };
  const existing = await people('dana').call<{ items: unknown[] }>('/reviews');
  if (existing.items.length > 0) return true;
  // A story stopped halfway would stay half told (the next run sees a review and
  // stops): start only once the catalog holds every model and person of every story.
  await requireInCatalog(people('dana'));
  for (const story of STORIES) {
    await tell(story, people, clock);
  }
  options.logger.info(`Told ${STORIES.length} example review stories`);
  return true;
}

/** The portal's example governance reviews; not part of the published packages. */
export const mlCatalogModuleExampleReviews = createBackendModule({
  pluginId: 'ml-catalog',
  moduleId: 'example-reviews',
  register(env) {
    env.registerInit({
      deps: {
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
      },
      async init({ scheduler, discovery, logger, config }) {
        // Only the local portal tells the example story (lab2live.exampleData).
        if (!config.getOptionalBoolean('lab2live.exampleData')) return;
        let done = false;
        // Tried soon and often until the catalog holds the people and models the
        // stories need (a try before then fails at once and costs nothing), so the
        // portal's governance pages show the examples seconds after the catalog's
        // first pass rather than up to 45 s later; once told, a run does nothing.
        await scheduler.scheduleTask({
          id: 'ml-catalog-example-reviews',
          frequency: { seconds: 5 },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 2 },
          scope: 'local',
          fn: async () => {
            if (done) return;
            try {
              done = await seedExampleReviews({ discovery, logger });
            } catch (error) {
              // The catalog may not know the people and models yet.
              logger.info(`Example reviews not told yet: ${error}`);
            }
          },
        });
      },
    });
  },
});
