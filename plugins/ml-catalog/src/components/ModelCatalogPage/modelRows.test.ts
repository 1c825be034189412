import {
  churnModel,
  fraudModel,
  graniteResource,
  scoringApi,
} from '../../__testUtils__/entities';
import {
  countFacets,
  FACETS,
  facetValues,
  filterModelRows,
  ModelQuery,
  ModelRow,
  sortModelRows,
  toModelRow,
} from './modelRows';

const rows = [churnModel, fraudModel, graniteResource].map(
  e => toModelRow(e) as ModelRow,
);
const none: ModelQuery = { facets: {}, text: '', mine: false };
const stages = ['experimental', 'staging', 'production'];

describe('toModelRow', () => {
  it('reads an MLModel with its links from the catalog relations', () => {
    expect(rows[0]).toMatchObject({
      entityRef: 'mlmodel:default/churn-predictor',
      title: 'Customer churn predictor',
      owner: 'group:default/data-science',
      system: 'system:default/customer-retention',
      stage: 'production',
      riskTier: 'limited',
      framework: 'xgboost',
      datasets: [
        'dataset:default/churn-features',
        'dataset:default/churn-holdout',
      ],
      slas: ['sla:default/churn-scoring'],
      servers: ['component:default/churn-scoring-api'],
      readOnly: false,
      source: 'lab2live',
    });
  });

  it('reads an ai-model Resource as read-only, served by its model server', () => {
    expect(rows[2]).toMatchObject({
      type: 'generative',
      readOnly: true,
      source: 'ai-model-resource',
      servers: ['component:default/granite-vllm-server'],
    });
    expect(rows[2].riskTier).toBeUndefined();
  });

  it('skips entities that are not models', () => {
    expect(toModelRow(scoringApi)).toBeUndefined();
  });
});

describe('filterModelRows', () => {
  it('keeps any selected value within a facet and every facet', () => {
    const byStage = filterModelRows(
      rows,
      { ...none, facets: { stage: ['production', 'staging'] } },
      [],
    );
    expect(byStage.map(r => r.name)).toEqual([
      'churn-predictor',
      'fraud-detector',
      'granite-3-8b-instruct',
    ]);
    const both = filterModelRows(
      rows,
      {
        ...none,
        facets: { stage: ['production'], owner: ['group:default/platform'] },
      },
      [],
    );
    expect(both.map(r => r.name)).toEqual(['granite-3-8b-instruct']);
  });

  it('searches every word in name, title, description and tags', () => {
    const search = (text: string) =>
      filterModelRows(rows, { ...none, text }, []).map(r => r.name);
    expect(search('CHURN probability')).toEqual(['churn-predictor']);
    expect(search('lightgbm')).toEqual(['fraud-detector']);
    expect(search('granite llm')).toEqual(['granite-3-8b-instruct']);
    expect(search('churn lightgbm')).toEqual([]);
  });

  it("keeps only the user's teams' models when mine is set", () => {
    const mine = filterModelRows(rows, { ...none, mine: true }, [
      'user:development/guest',
      'group:default/payments',
    ]);
    expect(mine.map(r => r.name)).toEqual(['fraud-detector']);
  });
});

describe('countFacets', () => {
  it('counts each facet under every filter but its own', () => {
    const counts = countFacets(
      rows,
      { ...none, facets: { stage: ['production'] } },
      [],
    );
    // The stage facet ignores its own selection, so staging still shows 1.
    expect(counts.stage).toEqual([
      { value: 'production', count: 2 },
      { value: 'staging', count: 1 },
    ]);
    // Other facets count only production models.
    expect(counts.risk).toEqual([{ value: 'limited', count: 1 }]);
    expect(counts.source).toEqual([
      { value: 'ai-model-resource', count: 1 },
      { value: 'lab2live', count: 1 },
    ]);
  });

  it('counts for every facet the rows that every other filter lets through', () => {
    // Rows with every combination of a few values, some with several tags.
    const many: ModelRow[] = Array.from({ length: 120 }, (_, i) => ({
      ...rows[i % 3],
      entityRef: `mlmodel:default/m-${i}`,
      name: `m-${i}`,
      stage: ['experimental', 'staging', 'production'][i % 3],
      riskTier: i % 7 === 0 ? undefined : ['minimal', 'high'][i % 2],
      owner: `group:default/team-${i % 4}`,
      tags: ['a', 'b', 'c'].filter((_t, k) => (i >> k) % 2 === 1),
      searchText: `m-${i} ${i % 5 === 0 ? 'fives' : ''}`,
    }));
    const queries: ModelQuery[] = [
      none,
      { ...none, facets: { stage: ['staging'] } },
      { ...none, facets: { stage: ['staging', 'production'], tag: ['b'] } },
      {
        ...none,
        text: 'fives',
        facets: { risk: ['high'], owner: ['group:default/team-1'] },
      },
      {
        ...none,
        mine: true,
        facets: { tag: ['a', 'c'], stage: ['experimental'] },
      },
    ];
    const mine = ['group:default/team-2', 'group:default/team-3'];
    for (const query of queries) {
      const counts = countFacets(many, query, mine);
      for (const facet of FACETS) {
        // The facet's own selection left out, the rest applied.
        const { [facet]: own, ...others } = query.facets;
        const passing = filterModelRows(
          many,
          { ...query, facets: others },
          mine,
        );
        const expected = new Map<string, number>();
        for (const row of passing) {
          for (const value of facetValues(row, facet)) {
            expected.set(value, (expected.get(value) ?? 0) + 1);
          }
        }
        for (const value of own ?? []) {
          if (!expected.has(value)) expected.set(value, 0);
        }
        expect({ facet, counts: counts[facet] }).toEqual({
          facet,
          counts: [...expected.entries()]
            .map(([value, count]) => ({ value, count }))
            .sort(
              (a, b) => b.count - a.count || a.value.localeCompare(b.value),
            ),
        });
      }
    }
  });

  it('keeps a selected value with no matches so it can be removed', () => {
    const counts = countFacets(
      rows,
      { ...none, text: 'granite', facets: { risk: ['high'] } },
      [],
    );
    expect(counts.risk).toEqual([{ value: 'high', count: 0 }]);
  });
});

describe('sortModelRows', () => {
  it('sorts stages in lifecycle order and risk tiers by severity', () => {
    const byStage = sortModelRows(
      rows,
      { field: 'stage', direction: 'asc' },
      stages,
    );
    expect(byStage.map(r => r.stage)).toEqual([
      'staging',
      'production',
      'production',
    ]);
    const byRisk = sortModelRows(
      rows,
      { field: 'risk', direction: 'desc' },
      stages,
    );
    expect(byRisk.map(r => r.name)).toEqual([
      'fraud-detector',
      'churn-predictor',
      'granite-3-8b-instruct',
    ]);
  });

  it('sorts by name when no sort is given, without changing its input', () => {
    const input = [...rows].reverse();
    const sorted = sortModelRows(input, undefined, stages);
    expect(sorted.map(r => r.name)).toEqual([
      'churn-predictor',
      'fraud-detector',
      'granite-3-8b-instruct',
    ]);
    expect(
      sortModelRows(input, { field: 'title', direction: 'asc' }, stages).map(
        r => r.title,
      ),
    ).toEqual([
      'Customer churn predictor',
      'IBM Granite 3.0 8B Instruct',
      'Payment fraud detector',
    ]);
    expect(input[0].name).toBe('granite-3-8b-instruct');
  });
});

describe('where a model came from', () => {
  const fromMlflow = toModelRow({
    ...fraudModel,
    metadata: {
      ...fraudModel.metadata,
      annotations: {
        ...fraudModel.metadata.annotations,
        'lab2live.io/source': 'mlflow',
      },
      links: [
        {
          url: 'https://mlflow.example.com/#/models/fraud',
          title: 'MLflow registered model',
          type: 'mlflow-model',
        },
      ],
    },
  }) as ModelRow;

  it('reads the source annotation and the registry link', () => {
    expect(fromMlflow).toMatchObject({
      origin: 'mlflow',
      registryUrl: 'https://mlflow.example.com/#/models/fraud',
    });
    expect(rows[0].origin).toBe('yaml');
    expect(rows[0].registryUrl).toBeUndefined();
  });

  it('filters and counts by source', () => {
    const all = [rows[0], fromMlflow, rows[2]];
    const query: ModelQuery = { ...none, facets: { origin: ['mlflow'] } };
    expect(filterModelRows(all, query, []).map(r => r.name)).toEqual([
      fromMlflow.name,
    ]);
    expect(countFacets(all, query, []).origin).toEqual([
      { value: 'yaml', count: 2 },
      { value: 'mlflow', count: 1 },
    ]);
  });
});
