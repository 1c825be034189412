import { ConfigReader } from '@backstage/config';
import type { Review } from '@lab2live/plugin-ml-catalog-common';
import { DEFAULT_CHECKLIST, itemsForTier, readChecklist } from './checklist';
import { BUILT_IN_CHECKS } from './checks';
import {
  ComplianceFacts,
  DEFAULT_STAGE_RULES,
  evaluateCompliance,
  readStageRules,
} from './compliance';
import {
  allowedActions,
  effectiveItem,
  expiryReason,
  majorOf,
  ItemRecord,
  ReviewRecord,
} from './workflow';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-24T12:00:00Z');

const record = (overrides: Partial<ReviewRecord> = {}): ReviewRecord => ({
  id: 'r1',
  model: 'mlmodel:default/churn-predictor',
  version: '8',
  state: 'approved',
  riskTier: 'limited',
  revision: 4,
  approvalsRequired: 1,
  createdBy: 'user:default/maya',
  createdAt: NOW - 10 * DAY,
  updatedAt: NOW - DAY,
  expiresAt: NOW + 100 * DAY,
  authors: ['user:default/maya'],
  ...overrides,
});

const attested: ItemRecord = {
  itemId: 'rollback-tested',
  position: 0,
  definition: DEFAULT_CHECKLIST.find(i => i.id === 'rollback-tested')!,
  status: 'fail',
  evidence: [],
};

describe('checklist items', () => {
  it('are cumulative by risk tier (no recorded assessment: every Art. 50 item from limited up)', () => {
    const count = (tier: 'minimal' | 'limited' | 'high' | 'prohibited') =>
      itemsForTier(DEFAULT_CHECKLIST, tier).length;
    expect(count('minimal')).toBe(10);
    expect(count('limited')).toBe(16);
    expect(count('high')).toBe(25);
    expect(count('prohibited')).toBe(25);
  });

  it('count a live waiver as waived and an expired one as failing again', () => {
    const waiver = { reason: 'Drill booked', by: 'user:default/dana', at: NOW };
    expect(
      effectiveItem(
        { ...attested, waiver: { ...waiver, expiresAt: NOW + DAY } },
        NOW,
      ),
    ).toMatchObject({ status: 'waived', waiver: { expired: false } });
    expect(
      effectiveItem(
        {
          ...attested,
          status: 'pass',
          waiver: { ...waiver, expiresAt: NOW - 1 },
        },
        NOW,
      ),
    ).toMatchObject({ status: 'fail', waiver: { expired: true } });
  });

  it('take automated items from the fresh result, not the stored one', () => {
    const automated: ItemRecord = {
      ...attested,
      definition: DEFAULT_CHECKLIST[0],
      status: 'pass',
    };
    expect(
      effectiveItem(automated, NOW, { passed: false, detail: 'Missing: x' }),
    ).toMatchObject({ status: 'fail', detail: 'Missing: x' });
  });

  it('come from configuration, with clear errors', () => {
    const known = new Set(BUILT_IN_CHECKS.map(c => c.id));
    const custom = readChecklist(
      new ConfigReader({
        lab2live: {
          governance: {
            checklist: {
              additionalItems: [
                {
                  id: 'fairness-signoff',
                  title: 'Fairness sign-off',
                  minimumTier: 'high',
                },
              ],
            },
          },
        },
      }),
      known,
    );
    expect(custom.at(-1)).toMatchObject({
      id: 'fairness-signoff',
      mode: 'attestation',
      source: 'internal',
    });
    expect(() =>
      readChecklist(
        new ConfigReader({
          lab2live: {
            governance: {
              checklist: {
                items: [{ id: 'x', title: 'X', check: 'no-such-check' }],
              },
            },
          },
        }),
        known,
      ),
    ).toThrow(/no automated check 'no-such-check'/);
    expect(() =>
      readChecklist(
        new ConfigReader({
          lab2live: {
            governance: {
              checklist: { items: [{ id: 'Not Kebab', title: 'X' }] },
            },
          },
        }),
        known,
      ),
    ).toThrow(/must be kebab-case/);
  });
});

describe('the review workflow', () => {
  const caller = {
    ref: 'user:default/dana',
    ownership: ['user:default/dana', 'group:default/risk-board'],
    owner: 'group:default/data-science',
    ownsModel: false,
    mayCreate: true,
    mayApprove: true,
    mayWaive: true,
  };

  it('offers owners and reviewers their own actions per state', () => {
    const owner = { ...caller, ref: 'user:default/maya', ownsModel: true };
    expect(allowedActions(record({ state: 'draft' }), [], owner)).toEqual([
      'edit_items',
      'submit',
      'withdraw',
    ]);
    expect(allowedActions(record({ state: 'in_review' }), [], owner)).toEqual([
      'withdraw',
    ]);
    expect(allowedActions(record({ state: 'in_review' }), [], caller)).toEqual([
      'waive',
      'approve',
      'request_changes',
      'reject',
    ]);
    expect(allowedActions(record({ state: 'approved' }), [], caller)).toEqual(
      [],
    );
  });

  it('expires approvals when they end, the tier changes or another version is promoted', () => {
    expect(expiryReason(record(), NOW)).toBeUndefined();
    expect(expiryReason(record({ expiresAt: NOW - 1 }), NOW)).toMatch(
      /The approval ended on 2026-11-24/,
    );
    expect(expiryReason(record(), NOW, { riskTier: 'high' })).toBe(
      'The risk tier changed from limited to high',
    );
    const decided = record({ decidedAt: NOW - 5 * DAY });
    expect(
      expiryReason(decided, NOW, {
        serving: { version: '9', since: NOW - DAY },
      }),
    ).toMatch(/Version 9 was promoted/);
    // The version that ran before the approval does not make it lapse.
    expect(
      expiryReason(decided, NOW, {
        serving: { version: '7', since: NOW - 30 * DAY },
      }),
    ).toBeUndefined();
    expect(
      expiryReason(record({ state: 'in_review' }), NOW, {
        serving: { version: '9', since: NOW },
      }),
    ).toBeUndefined();
    const withData = record({
      datasets: [
        { ref: 'dataset:default/features', version: '2.4.1' },
        { ref: 'dataset:default/labels', version: '2024-06' },
      ],
    });
    expect(
      expiryReason(withData, NOW, {
        datasets: [
          { ref: 'dataset:default/features', version: '2.9.0' },
          { ref: 'dataset:default/labels', version: '2024-11' },
        ],
      }),
    ).toBeUndefined();
    expect(
      expiryReason(withData, NOW, {
        datasets: [
          { ref: 'dataset:default/features', version: '3.0.0' },
          { ref: 'dataset:default/labels', version: '2024-06' },
        ],
      }),
    ).toBe(
      'Dataset dataset:default/features moved to a new major version (2.4.1 to 3.0.0)',
    );
  });
});

describe('stage rules', () => {
  const approved = (overrides: Partial<Review> = {}): Review =>
    ({
      id: 'r1',
      state: 'approved',
      version: '8',
      expiresAt: new Date(NOW + 100 * DAY).toISOString(),
      items: [],
      ...overrides,
    } as unknown as Review);
  const facts = (
    overrides: Partial<ComplianceFacts> = {},
  ): ComplianceFacts => ({
    stage: 'production',
    owner: 'group:data-science',
    hasTrainingDataset: true,
    hasSla: true,
    approved: approved(),
    deployments: [
      {
        environment: 'production',
        version: '8',
        status: 'healthy',
        stale: false,
        updatedAt: new Date(NOW).toISOString(),
        since: new Date(NOW - DAY).toISOString(),
      },
    ],
    slaStatus: 'met',
    now: NOW,
    expiringWithinMs: 30 * DAY,
    ...overrides,
  });

  it('make a production model compliant with everything in place', () => {
    expect(evaluateCompliance(DEFAULT_STAGE_RULES, facts())).toEqual({
      status: 'compliant',
      reasons: [],
    });
  });

  it('put it at risk for a breached SLA, a stale deployment or an approval about to end', () => {
    expect(
      evaluateCompliance(
        DEFAULT_STAGE_RULES,
        facts({
          slaStatus: 'breached',
          approved: approved({
            expiresAt: new Date(NOW + 10 * DAY).toISOString(),
          }),
        }),
      ),
    ).toEqual({
      status: 'at_risk',
      reasons: [
        'An SLA objective is breached',
        'Soon: the approval ends on 2026-12-04',
      ],
    });
    const stale = facts();
    stale.deployments[0].stale = true;
    expect(evaluateCompliance(DEFAULT_STAGE_RULES, stale).reasons[0]).toMatch(
      /stopped reporting/,
    );
  });

  it('make it non-compliant without an approval, or with a failing item', () => {
    expect(
      evaluateCompliance(DEFAULT_STAGE_RULES, facts({ approved: undefined })),
    ).toMatchObject({
      status: 'non_compliant',
      reasons: ['No approved governance review'],
    });
    const failing = approved({
      items: [
        {
          title: 'Quick, safe rollback tested',
          status: 'fail',
          waiver: { expired: true },
        } as any,
      ],
    });
    expect(
      evaluateCompliance(DEFAULT_STAGE_RULES, facts({ approved: failing }))
        .reasons[0],
    ).toBe(
      'Checklist items fail: Quick, safe rollback tested (waiver expired)',
    );
  });

  it('come from configuration and name an unknown rule', () => {
    const rules = readStageRules(
      new ConfigReader({
        lab2live: {
          governance: {
            stageRules: { staging: { required: ['approved-review'] } },
          },
        },
      }),
    );
    expect(
      evaluateCompliance(
        rules,
        facts({ stage: 'staging', approved: undefined }),
      ).status,
    ).toBe('non_compliant');
    // Stages without rules only need an owner.
    expect(
      evaluateCompliance(rules, facts({ approved: undefined })).status,
    ).toBe('compliant');
    expect(() =>
      readStageRules(
        new ConfigReader({
          lab2live: {
            governance: { stageRules: { production: { required: ['typo'] } } },
          },
        }),
      ),
    ).toThrow(/unknown rule 'typo'; known rules: approved-review/);
  });
});

describe('majorOf', () => {
  it('reads the major part of semantic, dated and prefixed versions', () => {
    expect(['2.4.1', '2024-06', 'v3', '7'].map(majorOf)).toEqual([
      '2',
      '2024',
      '3',
      '7',
    ]);
  });
});
