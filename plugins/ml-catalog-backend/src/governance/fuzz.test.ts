import { as, startGovernanceBackend } from '../__testUtils__/governanceBackend';

jest.setTimeout(120_000);

/** A small seeded generator, so a failure repeats with the same inputs. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const NASTY = [
  "'; DROP TABLE reviews; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '${{ secrets.TOKEN }}',
  '\u0000\u0001',
  'mlmodel:default/ghost',
  'x'.repeat(5000),
  '',
];

function value(next: () => number, depth = 0): unknown {
  const pick = Math.floor(next() * 9);
  switch (pick) {
    case 0:
      return NASTY[Math.floor(next() * NASTY.length)];
    case 1:
      return Math.floor(next() * 2 ** 31) * (next() < 0.5 ? -1 : 1);
    case 2:
      return next() < 0.5;
    case 3:
      return null;
    case 4:
      return depth > 1
        ? 'deep'
        : [value(next, depth + 1), value(next, depth + 1)];
    case 5:
      return depth > 1
        ? {}
        : { [String(value(next, 2))]: value(next, depth + 1) };
    case 6:
      return 1.5;
    case 7:
      return 'pass';
    default:
      return 'approve';
  }
}

function body(next: () => number, fields: string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) {
    if (next() < 0.7) result[field] = value(next);
  }
  if (next() < 0.2) result[String(value(next))] = value(next);
  return result;
}

describe('every write endpoint under random input', () => {
  it('never answers 500 and never changes stored state', async () => {
    const server = await startGovernanceBackend();
    const maya = as(server, 'maya');
    const dana = as(server, 'dana');
    const review = (
      await maya.post('/reviews', {
        model: 'mlmodel:default/churn-predictor',
        version: '8',
      })
    ).body;
    const snapshot = async () => ({
      review: (await maya.get(`/reviews/${review.id}`)).body,
      reviews: (await maya.get('/reviews')).body,
      audit: (await maya.get('/models/mlmodel/default/churn-predictor/audit'))
        .body.items.length,
      fraud: (await maya.get('/models/mlmodel/default/fraud-detector/reviews'))
        .body.items.length,
    });
    const before = await snapshot();

    const next = random(20261124);
    const base = `/reviews/${review.id}`;
    const targets: Array<{
      method: 'post' | 'put';
      path: () => string;
      fields: string[];
    }> = [
      { method: 'post', path: () => '/reviews', fields: ['model', 'version'] },
      {
        method: 'put',
        path: () =>
          `${base}/items/${
            next() < 0.5
              ? 'baseline-beaten'
              : encodeURIComponent(String(value(next)))
          }`,
        fields: ['revision', 'status', 'evidence', 'note'],
      },
      {
        method: 'post',
        path: () => `${base}/items/rollback-tested/waiver`,
        fields: ['revision', 'reason', 'expiresAt'],
      },
      { method: 'post', path: () => `${base}/submit`, fields: ['revision'] },
      { method: 'post', path: () => `${base}/withdraw`, fields: ['revision'] },
      {
        method: 'post',
        path: () => `${base}/decisions`,
        fields: ['revision', 'decision', 'note'],
      },
      {
        method: 'post',
        path: () =>
          `/reviews/${encodeURIComponent(String(value(next)))}/decisions`,
        fields: ['revision', 'decision'],
      },
    ];

    const statuses = new Map<number, number>();
    for (let i = 0; i < 210; i++) {
      const target = targets[i % targets.length];
      const caller = next() < 0.5 ? maya : dana;
      const payload = body(next, target.fields);
      // A revision that is never current: a valid body must still not land.
      if (typeof payload.revision === 'number') payload.revision += 1_000_000;
      const res = await caller[target.method](target.path(), payload);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) {
        throw new Error(
          `${target.method.toUpperCase()} ${target.path()} with ${JSON.stringify(
            payload,
          ).slice(0, 300)} answered ${res.status}: ${JSON.stringify(res.body)}`,
        );
      }
      expect(res.status).not.toBe(200);
      expect(res.status).not.toBe(201);
      expect(res.body.error?.message).toEqual(expect.any(String));
    }
    expect(await snapshot()).toEqual(before);
    // The run reached the handlers too, not only the schema validation.
    expect([...statuses.keys()].sort()).toEqual(
      expect.arrayContaining([400, 404]),
    );
  });
});
