/*
 * Browser benchmark: the Lab2Live model catalog page against the built-in catalog page
 * on the same 10,000 models, in one run of headless Chromium.
 *
 * Seeds the real portal backend (in-memory SQLite, the built app served by the
 * backend) with the benchmarks' synthetic company, waits until the catalog has
 * processed every model, then measures, at least 5 runs each:
 *   (a) full page load to the first rows,
 *   (b) in-app navigation from another page to the first rows,
 *   (c) a text-search change to the updated rows,
 *   (d) a facet (lifecycle stage) change to the updated rows,
 * (c) and (d) from the input event (the text arriving, the press on the value),
 * and prints medians, p95 and the ratios, plus the bytes this plugin adds to the
 * app's initial bundle. Then, on the entity pages that carry Lab2Live cards (a model,
 * an SLA covering 200 models, a service serving 50, a team owning 1,000):
 *   (e) the requests each page makes per backend once it has settled, and those our
 *       cards make (found from each request's initiator stack and the source maps),
 *   (f) the time to our last card, as a ratio to the time to its built-in About card
 *       in the same load (and the time to any last card, for reference).
 *
 *   make bench-browser                      # N = 10000, 7 runs
 *   BENCH_MODELS=2000 BENCH_RUNS=5 make bench-browser
 *   BENCH_SERVE_ONLY=1 make bench-browser   # seed and serve on :7017, measure nothing
 *   BENCH_ATTACH=1 make bench-browser       # measure what a serve-only run serves
 *   BENCH_PARTS=entity make bench-browser   # only the entity pages (or: catalog)
 */
import { chromium, Page, Request } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SourceMapConsumer } from 'source-map';
// Debian's Chromium and its flags, as the browser tests launch it (a repository
// script, not a package: bench files are not published).
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { chromiumLaunchOptions } from '../../../scripts/lib/harness';
// Both benchmarks seed the same company; bench files are not published, so the
// generator is shared by path rather than as a package export.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  model,
  supportingEntities,
} from '../../catalog-backend-module-ml-catalog/bench/generator';

const N = Number(process.env.BENCH_MODELS ?? 10_000);
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
const PORT = Number(process.env.BENCH_PORT ?? 7017);
const BASE = `http://localhost:${PORT}`;
const ROOT = path.resolve(__dirname, '../../..');
const APP_DIST = path.join(ROOT, 'packages/app/dist');

const OURS = '/ml-models';
const BUILT_IN = '/catalog?filters[kind]=mlmodel&filters[user]=all';
/** The first row's entity link; both tables link each row's name first. */
const FIRST_ROW_LINK = 'table tbody tr a[href*="/mlmodel/"]';

function log(line: string) {
  process.stdout.write(`${line}\n`);
}

function seed(dir: string): string {
  const file = path.join(dir, 'models.yaml');
  const entities = [
    ...supportingEntities(),
    ...Array.from({ length: N }, (_, i) => model(i)),
  ];
  // JSON is YAML: one document per entity.
  fs.writeFileSync(file, entities.map(e => JSON.stringify(e)).join('\n---\n'));
  const config = path.join(dir, 'app-config.bench.yaml');
  fs.writeFileSync(
    config,
    JSON.stringify({
      app: { baseUrl: BASE },
      backend: {
        baseUrl: BASE,
        listen: { port: PORT },
        cors: { origin: BASE },
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
      catalog: {
        processingInterval: { minutes: 60 },
        locations: [{ type: 'file', target: file }],
      },
      // The search indexer would compete with the pages for the two cores.
      search: {
        collators: {
          catalog: {
            schedule: {
              frequency: { hours: 24 },
              timeout: { hours: 1 },
              initialDelay: { hours: 12 },
            },
          },
        },
      },
    }),
  );
  return config;
}

async function guestToken(): Promise<string> {
  const response = await fetch(
    `${BASE}/api/auth/guest/refresh?env=development`,
    { headers: { 'x-requested-with': 'XMLHttpRequest' } },
  );
  const body = await response.json();
  return body.backstageIdentity.token;
}

async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 2000));
  }
}

/** Waits until every model is in the catalog with its relations stitched. */
async function waitForCatalog() {
  await waitFor(
    'the backend',
    async () =>
      (
        await fetch(`${BASE}/.backstage/health/v1/readiness`)
      ).ok
        ? true
        : undefined,
    300_000,
  );
  const token = await guestToken();
  const count = async (filter: string) => {
    const response = await fetch(
      `${BASE}/api/catalog/entities/by-query?limit=1&${filter}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    return (await response.json()).totalItems as number;
  };
  const started = Date.now();
  await waitFor(
    `${N} models with their relations`,
    async () => {
      const models = await count('filter=kind=mlmodel');
      const linked = await count('filter=kind=mlmodel,relations.hasSla');
      process.stdout.write(
        `\r  catalog: ${models}/${N} models, ${linked} with relations `,
      );
      return linked >= N ? true : undefined;
    },
    30 * 60_000,
  );
  log(`\n  seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** Resolves, inside the page, with the ms since `window.__benchStart` once the first row's link reads `name`. */
function firstRowIs(page: Page, name: string): Promise<number> {
  return page.evaluate(
    ([selector, expected]) =>
      new Promise<number>((resolve, reject) => {
        const deadline = performance.now() + 60_000;
        const check = () => {
          const link = document.querySelector(selector);
          const start = (window as any).__benchStart;
          if (
            start !== undefined &&
            link &&
            link.textContent?.trim() === expected
          ) {
            resolve(performance.now() - (window as any).__benchStart);
          } else if (performance.now() > deadline) {
            reject(new Error(`first row never became ${expected}`));
          } else {
            requestAnimationFrame(check);
          }
        };
        check();
      }),
    [FIRST_ROW_LINK, name] as const,
  );
}

const markStart = (page: Page) =>
  page.evaluate(() => {
    (window as any).__benchStart = performance.now();
  });

/**
 * Starts the clock when the person acts: at the next event of `type` (the press on a
 * facet value, the text reaching the search box), not when the harness starts to
 * look for the element, so neither page pays for Playwright's own checks.
 */
const markAtNext = (page: Page, type: 'mousedown' | 'input') =>
  page.evaluate(eventType => {
    (window as any).__benchStart = undefined;
    window.addEventListener(
      eventType,
      event => {
        (window as any).__benchStart = event.timeStamp;
      },
      { capture: true, once: true },
    );
  }, type);

/** The model names in the order both pages sort them by default (by name). */
const sortedNames = (filter: (i: number) => boolean) =>
  Array.from({ length: N }, (_, i) => i)
    .filter(filter)
    .map(i => `model-${i}`)
    .sort((a, b) => (a < b ? -1 : Number(a > b)));

interface PageUnderTest {
  label: string;
  url: string;
  /** Waits until the page has everything it loads on its own, so (c) and (d) time only the interaction. */
  settled: (page: Page) => Promise<void>;
  search: (page: Page, text: string) => Promise<void>;
  openStageFacet: (page: Page) => Promise<void>;
  pickStage: (page: Page, stage: string) => Promise<void>;
}

const ours: PageUnderTest = {
  label: 'Lab2Live /ml-models',
  url: OURS,
  // The facets appear once every model has arrived.
  settled: page =>
    page
      .getByRole('textbox', { name: 'Lifecycle stage' })
      .waitFor({ timeout: 120_000 }),
  search: (page, text) =>
    page.getByRole('textbox', { name: 'Search models' }).fill(text),
  openStageFacet: page =>
    page.getByRole('textbox', { name: 'Lifecycle stage' }).click(),
  pickStage: (page, stage) =>
    page
      .getByRole('option', { name: new RegExp(`^${stage}\\s*\\d+$`) })
      .click(),
};

const builtIn: PageUnderTest = {
  label: 'built-in /catalog',
  url: BUILT_IN,
  settled: page => page.waitForLoadState('networkidle'),
  search: (page, text) => page.getByPlaceholder('Search').fill(text),
  openStageFacet: page =>
    page.getByRole('textbox', { name: 'Lifecycle' }).click(),
  pickStage: (page, stage) =>
    page.getByRole('option', { name: new RegExp(`^${stage}`) }).click(),
};

async function measure(page: Page, target: PageUnderTest) {
  const firstName = sortedNames(() => true)[0];
  const result: Record<string, number[]> = {
    load: [],
    navigate: [],
    search: [],
    facet: [],
  };
  const stagingFirst = sortedNames(i => i % 5 === 2)[0];
  for (let run = 0; run < RUNS; run++) {
    // (a) full page load: navigation start to the first row.
    await page.goto(`${BASE}${target.url}`, { waitUntil: 'commit' });
    await page.evaluate(() => {
      (window as any).__benchStart = 0;
    });
    result.load.push(await firstRowIs(page, firstName));

    // (b) in-app navigation from the settings page.
    await page.goto(`${BASE}/settings`);
    await page.getByText('Appearance').first().waitFor();
    await markStart(page);
    await page.evaluate(url => {
      window.history.pushState({}, '', url);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, target.url);
    result.navigate.push(await firstRowIs(page, firstName));

    // (c) a text search that narrows to one model, once the page has settled.
    await target.settled(page);
    await page.waitForTimeout(500);
    const term = `model-${(run * 1237 + 4321) % N}`;
    await markAtNext(page, 'input');
    await target.search(page, term);
    result.search.push(await firstRowIs(page, term));

    // (d) a facet change, from a fresh page.
    await page.goto(`${BASE}${target.url}`);
    await firstRowIs(page, firstName).catch(() => 0);
    await target.settled(page);
    await page.waitForTimeout(500);
    await target.openStageFacet(page);
    await markAtNext(page, 'mousedown');
    await target.pickStage(page, 'staging');
    result.facet.push(await firstRowIs(page, stagingFirst));
  }
  return result;
}

function reportCatalogPage(results: {
  ours: Record<string, number[]>;
  builtIn: Record<string, number[]>;
}) {
  const goals: Record<string, [string, (r: number, m: number) => boolean]> = {
    load: ['ours/built-in <= 1.0', r => r <= 1.0],
    navigate: ['built-in/ours >= 2.0', r => 1 / r >= 2.0],
    search: ['ours/built-in <= 0.35', r => r <= 0.35],
    facet: ['ours/built-in <= 0.35', r => r <= 0.35],
  };
  const names: Record<string, string> = {
    load: '(a) full page load to first rows',
    navigate: '(b) in-app navigation to rows',
    search: '(c) text search to updated rows',
    facet: '(d) facet change to updated rows',
  };
  log('');
  log(
    `${'measure'.padEnd(36)}${'ours median/p95'.padEnd(
      20,
    )}${'built-in median/p95'.padEnd(24)}ratio  goal`,
  );
  for (const key of Object.keys(names)) {
    const a = results.ours[key];
    const b = results.builtIn[key];
    const ratio = quantile(a, 0.5) / quantile(b, 0.5);
    const [goal, met] = goals[key];
    log(
      `${names[key].padEnd(36)}${`${quantile(a, 0.5).toFixed(0)} / ${quantile(
        a,
        0.95,
      ).toFixed(0)} ms`.padEnd(20)}${`${quantile(b, 0.5).toFixed(
        0,
      )} / ${quantile(b, 0.95).toFixed(0)} ms`.padEnd(24)}${ratio
        .toFixed(2)
        .padEnd(7)}${goal}: ${
        met(ratio, quantile(a, 0.5)) ? 'met' : 'NOT met'
      }`,
    );
  }
}

/** An entity page with Lab2Live cards, and the text its built-in About card shows. */
interface EntityPageUnderTest {
  label: string;
  path: string;
  aboutText: string;
  /** The titles of the Lab2Live cards the page shows. */
  ourCards: string[];
}

const ENTITY_PAGES: EntityPageUnderTest[] = [
  {
    label: 'model page',
    path: '/catalog/default/mlmodel/model-7',
    aboutText: 'Entity number 7 of the ingestion benchmark',
    ourCards: [
      'Model card',
      'Metrics',
      'Datasets',
      'SLAs',
      'Services',
      'Compliance',
      'Lifecycle',
    ],
  },
  {
    label: 'SLA page (200 models)',
    path: '/catalog/default/sla/sla-7',
    aboutText: 'sla-7',
    ourCards: ['Objectives', 'Covered models'],
  },
  {
    label: 'service page (50 models)',
    path: '/catalog/default/component/service-7',
    aboutText: 'service-7',
    ourCards: ['Machine-learning models'],
  },
  {
    label: 'team page (1,000 models)',
    path: '/catalog/default/group/team-7',
    aboutText: 'team-7',
    ourCards: ['Models'],
  },
];

/**
 * Records, from before the first script runs, when the page last added or changed
 * content (attribute changes such as a chart's animation do not count), and, on
 * every frame, when the cards titled in `window.__ourCards` last became all drawn:
 * each title shown and no progress bar in its card.
 */
const watchContent = () => {
  const w = window as any;
  w.__lastContent = 0;
  w.__oursReady = 0;
  new MutationObserver(() => {
    w.__lastContent = performance.now();
  }).observe(document, { childList: true, subtree: true, characterData: true });
  let ready = false;
  const check = () => {
    const titles: string[] = w.__ourCards ?? [];
    const headings = [
      ...document.querySelectorAll(
        'main h1, main h2, main h3, main h4, main h5, main h6, main .MuiCardHeader-title',
      ),
    ];
    const now =
      titles.length > 0 &&
      titles.every(title => {
        // A card's title, not a field label of the same words (the About card's).
        const card = headings
          .filter(h => h.textContent?.trim() === title)
          .map(h => h.closest('.MuiCard-root, .MuiPaper-root'))
          .find(Boolean);
        return card && !card.querySelector('[role="progressbar"]');
      });
    if (now && !ready) w.__oursReady = performance.now();
    ready = Boolean(now);
    w.__oursShown = ready;
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
};

/** The backend a request goes to: the plugin id after /api/. */
const backendOf = (url: string) =>
  /\/api\/([^/?]+)/.exec(new URL(url).pathname)?.[1];

interface EntityPageRun {
  about: number;
  lastCard: number;
  lastOurCard: number;
  missingCards: string[];
}

/**
 * One full load of an entity page: the time its About card shows the entity, and
 * once nothing loads any more (no progress bar, no request open, no change for a
 * second) the time its content last changed, and the time one of our cards did.
 */
async function loadEntityPage(
  page: Page,
  target: EntityPageUnderTest,
): Promise<EntityPageRun> {
  // Requests of this load still under way (an earlier page's may end during it).
  const open = new Set<Request>();
  const started = (request: Request) => {
    if (backendOf(request.url())) open.add(request);
  };
  const ended = (request: Request) => {
    open.delete(request);
  };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    await page.goto(`${BASE}${target.path}`, { waitUntil: 'commit' });
    await page.evaluate(cards => {
      (window as any).__ourCards = cards;
    }, target.ourCards);
    const about = await page.evaluate(
      text =>
        new Promise<number>((resolve, reject) => {
          const deadline = performance.now() + 60_000;
          const check = () => {
            const found = [...document.querySelectorAll('main')].some(m =>
              m.textContent?.includes(text),
            );
            if (found) resolve(performance.now());
            else if (performance.now() > deadline)
              reject(new Error(`the About card never showed ${text}`));
            else requestAnimationFrame(check);
          };
          check();
        }),
      target.aboutText,
    );
    const deadline = Date.now() + 120_000;
    for (;;) {
      const state = await page.evaluate(cards => {
        const w = window as any;
        const titles = [
          ...document.querySelectorAll(
            'main h1, main h2, main h3, main h4, main h5, main h6, main .MuiCardHeader-title',
          ),
        ].map(t => t.textContent?.trim());
        return {
          busy: document.querySelector('[role="progressbar"]') !== null,
          sinceChange: performance.now() - w.__lastContent,
          lastContent: w.__lastContent as number,
          lastOurs: w.__oursReady as number,
          missing: w.__oursShown
            ? []
            : cards.filter(card => !titles.includes(card)),
        };
      }, target.ourCards);
      if (!state.busy && open.size === 0 && state.sinceChange > 1000) {
        return {
          about,
          lastCard: state.lastContent,
          lastOurCard: state.lastOurs,
          missingCards: state.missing,
        };
      }
      if (Date.now() > deadline) {
        throw new Error(
          `${target.label} never settled: ${
            state.busy ? 'a progress bar shows, ' : ''
          }${open.size} requests open, last change ${state.sinceChange.toFixed(
            0,
          )} ms ago`,
        );
      }
      await page.waitForTimeout(100);
    }
  } finally {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
  }
}

/**
 * Maps a position in the served bundle to the source file it was built from, with the
 * source maps the backend serves beside its scripts.
 */
class BundleSources {
  private readonly maps = new Map<
    string,
    Promise<SourceMapConsumer | undefined>
  >();

  async sourceOf(
    url: string,
    line: number,
    column: number,
  ): Promise<string | undefined> {
    if (!url.startsWith(BASE)) return undefined;
    if (!this.maps.has(url)) {
      this.maps.set(
        url,
        fetch(`${url}.map`).then(async response =>
          response.ok
            ? new SourceMapConsumer(await response.json())
            : undefined,
        ),
      );
    }
    const map = await this.maps.get(url);
    return (
      map?.originalPositionFor({ line: line + 1, column }).source ?? undefined
    );
  }
}

interface StackTrace {
  callFrames: Array<{ url: string; lineNumber: number; columnNumber: number }>;
  parent?: StackTrace;
  parentId?: { id: string; debuggerId?: string };
}

/**
 * The requests of one load of the page per backend, and those that Lab2Live's code
 * made: a request is ours when its initiator's stack, followed through its async
 * parents, passes through plugins/ml-catalog's sources.
 */
async function requestsOf(
  page: Page,
  target: EntityPageUnderTest,
  sources: BundleSources,
) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Debugger.enable');
  await cdp.send('Debugger.setAsyncCallStackDepth', { maxDepth: 256 });
  await cdp.send('Network.enable');
  const all: Record<string, string[]> = {};
  const byUs: Record<string, string[]> = {};
  /** Requests whose initiator could not be followed to its start. */
  const unknown: Record<string, string[]> = {};
  const attributions: Promise<void>[] = [];
  // The whole chain of frames behind a request, its async parents included; long
  // chains continue in stacks the debugger keeps by id for a short while, so they
  // are fetched as the request starts. Undefined when part of the chain is gone.
  const framesOf = async (stack: StackTrace | undefined) => {
    const frames: StackTrace['callFrames'] = [];
    for (let part = stack; part; ) {
      frames.push(...part.callFrames);
      if (part.parent) {
        part = part.parent;
      } else if (part.parentId) {
        const fetched = await cdp
          .send('Debugger.getStackTrace', { stackTraceId: part.parentId })
          .catch(() => undefined);
        if (!fetched) return undefined;
        part = fetched.stackTrace as StackTrace;
      } else {
        part = undefined;
      }
    }
    return frames;
  };
  const fromOurCode = async (
    frames: StackTrace['callFrames'],
  ): Promise<boolean> => {
    for (const frame of frames) {
      const source = await sources.sourceOf(
        frame.url,
        frame.lineNumber,
        frame.columnNumber,
      );
      if (source && /plugins\/ml-catalog\/src\//.test(source)) return true;
    }
    return false;
  };
  cdp.on('Network.requestWillBeSent', event => {
    const backend = backendOf(event.request.url);
    if (!backend) return;
    const url = new URL(event.request.url);
    const line = `${event.request.method} ${url.pathname}${url.search}`;
    (all[backend] ??= []).push(line);
    attributions.push(
      framesOf(event.initiator.stack as StackTrace | undefined).then(
        async frames => {
          if (!frames) (unknown[backend] ??= []).push(line);
          else if (await fromOurCode(frames)) (byUs[backend] ??= []).push(line);
        },
      ),
    );
  });
  try {
    await loadEntityPage(page, target);
    await Promise.all(attributions);
  } finally {
    await cdp.detach();
  }
  return { all, ours: byUs, unknown };
}

async function measureEntityPages(page: Page) {
  await page.addInitScript(watchContent);
  const sources = new BundleSources();
  const results = [];
  for (const target of ENTITY_PAGES) {
    // A warm-up load, so every timed run finds the page's code cached; its requests
    // are counted with the debugger on, which would slow the timed runs.
    const requests = await requestsOf(page, target, sources);
    const runs: EntityPageRun[] = [];
    for (let run = 0; run < RUNS; run++) {
      runs.push(await loadEntityPage(page, target));
    }
    results.push({ target, runs, requests });
  }
  return results;
}

/** Backends the entity page frame asks whatever its cards (sign-in, the bell). */
const FRAME_BACKENDS = ['auth', 'notifications', 'signals'];

function reportEntityPages(
  results: Awaited<ReturnType<typeof measureEntityPages>>,
) {
  const count = (requests: Record<string, string[]>) =>
    Object.entries(requests)
      .filter(([backend]) => !FRAME_BACKENDS.includes(backend))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([backend, urls]) => `${backend} ${urls.length}`)
      .join(', ') || 'none';
  log('');
  log(
    `${'entity page'.padEnd(26)}${'About card'.padEnd(
      12,
    )}${'our last card'.padEnd(15)}ratio  ${'any last card'.padEnd(
      15,
    )}requests by our cards / by the whole page`,
  );
  let allMet = true;
  for (const { target, runs, requests } of results) {
    const median = (pick: (run: EntityPageRun) => number) =>
      quantile(runs.map(pick), 0.5);
    const about = median(r => r.about);
    const ourLast = median(r => r.lastOurCard);
    const any = median(r => r.lastCard);
    log(
      `${target.label.padEnd(26)}${`${about.toFixed(0)} ms`.padEnd(
        12,
      )}${`${ourLast.toFixed(0)} ms`.padEnd(15)}${(ourLast / about)
        .toFixed(2)
        .padEnd(7)}${`${any.toFixed(0)} ms`.padEnd(15)}${count(
        requests.ours,
      )} / ${count(requests.all)}`,
    );
    for (const [backend, urls] of Object.entries(requests.unknown)) {
      if (FRAME_BACKENDS.includes(backend)) continue;
      log(
        `  not attributed (the debugger lost their start): ${backend} ${urls.length}`,
      );
    }
    const missing = runs.flatMap(r => r.missingCards);
    if (missing.length > 0) {
      allMet = false;
      log(`  NOT shown: ${[...new Set(missing)].join(', ')}`);
    }
    // Goal: one request per backend from our cards; the entity itself is the frame's.
    for (const [backend, urls] of Object.entries(requests.ours)) {
      if (urls.length > 1) {
        allMet = false;
        log(`  NOT met: ${urls.length} requests by our cards to ${backend}:`);
        urls.forEach(url => log(`    ${url}`));
      }
    }
    if (process.env.BENCH_VERBOSE) {
      for (const [backend, urls] of Object.entries(requests.all)) {
        urls.forEach(url => log(`    ${backend}: ${url}`));
      }
    }
  }
  log(
    `requests per page, goal one per backend from our cards after the entity itself: ${
      allMet ? 'met' : 'NOT met'
    }`,
  );
}

/** Bytes of minified code from this plugin in the chunks that index.html loads. */
function initialBundleBytes(): { plugin: number; total: number } {
  const html = fs.readFileSync(path.join(APP_DIST, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*src="\/([^"]+)"/g)].map(
    m => m[1],
  );
  let plugin = 0;
  let total = 0;
  for (const script of scripts) {
    const file = path.join(APP_DIST, script);
    const code = fs.readFileSync(file, 'utf8');
    total += Buffer.byteLength(code);
    if (!fs.existsSync(`${file}.map`)) continue;
    const map = new SourceMapConsumer(
      JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')),
    );
    const lines = code.split('\n');
    const mappings: Array<{ line: number; column: number; source: string }> =
      [];
    map.eachMapping(m =>
      mappings.push({
        line: m.generatedLine,
        column: m.generatedColumn,
        source: m.source ?? '',
      }),
    );
    // Each mapping owns the bytes up to the next one on its line.
    for (let i = 0; i < mappings.length; i++) {
      const m = mappings[i];
      const next = mappings[i + 1];
      const end =
        next && next.line === m.line
          ? next.column
          : (lines[m.line - 1] ?? '').length;
      if (/plugins\/ml-catalog\//.test(m.source)) {
        plugin += Math.max(0, end - m.column);
      }
    }
  }
  return { plugin, total };
}

/** Seeds and starts the portal backend; returns how to stop it. */
function startBackend(dir: string): () => void {
  const config = seed(dir);
  if (!process.env.BENCH_SKIP_BUILD) {
    log('  building the app');
    const build = spawnSync('yarn', ['workspace', 'app', 'build'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (build.status !== 0) throw new Error('the app build failed');
  }
  const backend = spawn(
    'yarn',
    [
      'workspace',
      'backend',
      'start',
      '--config',
      '../../app-config.yaml',
      '--config',
      config,
    ],
    { cwd: ROOT, detached: true, stdio: 'ignore' },
  );
  return () => {
    try {
      process.kill(-backend.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
}

async function main() {
  const dir = fs.mkdtempSync(
    path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'l2l-'),
  );
  log(`Model catalog browser benchmark: ${N} models, ${RUNS} runs per measure`);
  // BENCH_ATTACH measures a backend a BENCH_SERVE_ONLY run already seeded and serves.
  const stop = process.env.BENCH_ATTACH ? () => {} : startBackend(dir);
  process.on('exit', stop);

  try {
    await waitForCatalog();
    if (process.env.BENCH_SERVE_ONLY) {
      // For looking at the pages by hand, or profiling them, on the seeded data.
      log(`  serving ${BASE} until interrupted`);
      await new Promise(() => {});
    }
    const browser = await chromium.launch(chromiumLaunchOptions);
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    await page.goto(`${BASE}/`);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByRole('button', { name: 'Enter' }).waitFor({
      state: 'detached',
    });
    // One warm-up visit each, so both pages start with the same cached assets.
    for (const target of [ours, builtIn]) {
      await page.goto(`${BASE}${target.url}`);
      await page.locator(FIRST_ROW_LINK).first().waitFor({ timeout: 120_000 });
    }
    const parts = (process.env.BENCH_PARTS ?? 'catalog,entity').split(',');
    const results = parts.includes('catalog')
      ? {
          ours: await measure(page, ours),
          builtIn: await measure(page, builtIn),
        }
      : undefined;
    const entityPages = parts.includes('entity')
      ? await measureEntityPages(page)
      : undefined;
    await browser.close();

    if (results) reportCatalogPage(results);
    if (entityPages) reportEntityPages(entityPages);
    const bundle = initialBundleBytes();
    log(
      `\ninitial bundle: ${(bundle.total / 1024).toFixed(0)} KiB, of which ${(
        bundle.plugin / 1024
      ).toFixed(1)} KiB from plugins/ml-catalog (pages and cards load lazily)`,
    );
  } finally {
    stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
