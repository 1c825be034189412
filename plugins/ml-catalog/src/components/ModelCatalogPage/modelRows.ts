import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import {
  ComplianceResponse,
  ComplianceStatus,
  EnvironmentDeployment,
  ModelSource,
  modelSourceOf,
  ObjectiveStatus,
  StatusSummaryResponse,
  readModelSummary,
  RELATION_EVALUATED_ON,
  RELATION_HAS_SLA,
  RELATION_MONITORED_ON,
  RELATION_SERVED_BY,
  RELATION_TRAINED_ON,
  RISK_TIERS,
  type RiskTier,
} from '@lab2live/plugin-ml-catalog-common';

/**
 * The only entity fields the model catalog page reads: the one catalog request of
 * the page asks for these, which keeps it small at ten thousand models.
 */
export const MODEL_TABLE_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.tags',
  // Where the model came from (lab2live.io/source) and its registry link.
  'metadata.annotations',
  'metadata.links',
  'spec.type',
  'spec.owner',
  'spec.system',
  'spec.lifecycle',
  'spec.framework',
  'spec.version',
  'spec.governance.riskTier',
  'spec.profile.displayName',
  'relations',
];

/** The catalog filter for every model: MLModel entities and RHDH `ai-model` Resources. */
export const MODEL_ENTITY_FILTER: Array<Record<string, string>> = [
  { kind: 'MLModel' },
  { kind: 'Resource', 'spec.type': 'ai-model' },
];

/** One row of the model table: what the columns show and the facets count. */
export interface ModelRow {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title: string;
  description: string;
  owner: string;
  system?: string;
  type: string;
  stage: string;
  riskTier?: string;
  framework?: string;
  tags: string[];
  datasets: string[];
  slas: string[];
  /** Components that serve the model (`servedBy`), or a Resource's model server. */
  servers: string[];
  source: 'lab2live' | 'ai-model-resource';
  readOnly: boolean;
  /** Where the entity came from: a registry a provider or an import read, or YAML. */
  origin: ModelSource;
  /** The registry page the entity was made from, if any. */
  registryUrl?: string;
  /** Current deployments per environment, from the Lab2Live backend. */
  deployments?: EnvironmentDeployment[];
  /** The worst status of the model's SLA objectives; absent without SLAs. */
  slaStatus?: ObjectiveStatus;
  /** Whether the model meets its stage's rules, with the reasons (MLModels only). */
  compliance?: { status: ComplianceStatus; reasons: string[] };
  /** Name, title, description and tags in lower case, for the text search. */
  searchText: string;
}

function targetsOf(entity: Entity, types: string[]): string[] {
  const refs = (entity.relations ?? [])
    .filter(relation => types.includes(relation.type))
    .map(relation => relation.targetRef);
  return [...new Set(refs)].sort();
}

/**
 * Turns a catalog entity into a table row, or undefined for anything that is not a
 * model. Links come from the catalog's relations, so an SLA that names the model in
 * its own `appliesTo` is listed too.
 */
export function toModelRow(entity: Entity): ModelRow | undefined {
  const summary = readModelSummary(entity);
  if (!summary) {
    return undefined;
  }
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const owners = targetsOf(entity, [RELATION_OWNED_BY]);
  const systems = targetsOf(entity, [RELATION_PART_OF]);
  const { source: origin, registryUrl } = modelSourceOf(entity);
  const row: ModelRow = {
    entityRef: summary.entityRef,
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: summary.name,
    title: summary.title,
    description: summary.description,
    owner: owners[0] ?? summary.owner,
    system: systems[0] ?? summary.system,
    type: summary.type,
    stage: summary.lifecycle,
    riskTier: summary.riskTier,
    framework: typeof spec.framework === 'string' ? spec.framework : undefined,
    tags: summary.tags,
    datasets: targetsOf(entity, [
      RELATION_TRAINED_ON,
      RELATION_EVALUATED_ON,
      RELATION_MONITORED_ON,
    ]),
    slas: targetsOf(entity, [RELATION_HAS_SLA]),
    servers:
      summary.source === 'lab2live'
        ? targetsOf(entity, [RELATION_SERVED_BY])
        : targetsOf(entity, [RELATION_DEPENDENCY_OF]).filter(
            ref => parseEntityRef(ref).kind === 'component',
          ),
    source: summary.source,
    readOnly: summary.readOnly,
    origin,
    ...(registryUrl ? { registryUrl } : {}),
    searchText: [
      summary.name,
      summary.title,
      summary.description,
      ...summary.tags,
    ]
      .join(' ')
      .toLocaleLowerCase('en-US'),
  };
  return row;
}

/**
 * Joins the status summary (one backend request for all models) into the rows. Rows
 * without status keep theirs undefined; a row's status never comes from another row.
 */
export function withStatus(
  rows: ModelRow[],
  summary: StatusSummaryResponse | undefined,
): ModelRow[] {
  if (!summary) return rows;
  const byModel = new Map(summary.items.map(item => [item.model, item]));
  return rows.map(row => {
    const status = byModel.get(row.entityRef.toLocaleLowerCase('en-US'));
    if (!status) return row;
    return {
      ...row,
      deployments: status.deployments,
      slaStatus: status.slaStatus,
    };
  });
}

/**
 * Joins the compliance of every model (one backend request) into the rows; models the
 * backend does not judge (ai-model Resources) keep theirs undefined.
 */
export function withCompliance(
  rows: ModelRow[],
  compliance: ComplianceResponse | undefined,
): ModelRow[] {
  if (!compliance) return rows;
  const byModel = new Map(compliance.items.map(item => [item.model, item]));
  return rows.map(row => {
    const found = byModel.get(row.entityRef.toLocaleLowerCase('en-US'));
    return found
      ? { ...row, compliance: { status: found.status, reasons: found.reasons } }
      : row;
  });
}

/** The environments a row runs in: deployments that have not ended. */
export function activeEnvironments(row: ModelRow): string[] {
  return (row.deployments ?? [])
    .filter(d => !['failed', 'rolled_back', 'retired'].includes(d.status))
    .map(d => d.environment);
}

/** The facets of the page, in the order they are shown. */
export const FACETS = [
  'owner',
  'system',
  'stage',
  'risk',
  'type',
  'environment',
  'sla',
  'compliance',
  'tag',
  'source',
  'origin',
] as const;

/** A facet of the model table. */
export type Facet = (typeof FACETS)[number];

/** Every value a row has for a facet; `tag` has several, the others one or none. */
export function facetValues(row: ModelRow, facet: Facet): string[] {
  switch (facet) {
    case 'owner':
      return row.owner ? [row.owner] : [];
    case 'system':
      return row.system ? [row.system] : [];
    case 'stage':
      return [row.stage];
    case 'risk':
      return row.riskTier ? [row.riskTier] : [];
    case 'type':
      return [row.type];
    case 'tag':
      return row.tags;
    case 'source':
      return [row.source];
    case 'origin':
      return [row.origin];
    case 'environment':
      return activeEnvironments(row);
    case 'sla':
      return [row.slaStatus ?? 'none'];
    case 'compliance':
      return [row.compliance?.status ?? 'unknown'];
    default:
      return [];
  }
}

/** Everything the page filters and sorts by; all of it lives in the URL. */
export interface ModelQuery {
  facets: Partial<Record<Facet, string[]>>;
  text: string;
  /** Only models owned by the signed-in user or their teams. */
  mine: boolean;
  sort?: { field: SortField; direction: 'asc' | 'desc' };
}

/** Columns the table sorts by. */
export const SORT_FIELDS = [
  'name',
  'title',
  'owner',
  'system',
  'type',
  'stage',
  'risk',
  'framework',
  'sla',
  'compliance',
] as const;

/** A column the table sorts by. */
export type SortField = (typeof SORT_FIELDS)[number];

function matchesText(row: ModelRow, words: string[]): boolean {
  if (words.length === 0) {
    return true;
  }
  return words.every(word => row.searchText.includes(word));
}

function searchWords(text: string): string[] {
  return text.toLocaleLowerCase('en-US').split(/\s+/).filter(Boolean);
}

function matchesFacets(
  row: ModelRow,
  facets: ModelQuery['facets'],
  skip?: Facet,
): boolean {
  for (const facet of FACETS) {
    const wanted = facets[facet];
    if (facet === skip || !wanted || wanted.length === 0) {
      continue;
    }
    const values = facetValues(row, facet);
    if (!wanted.some(value => values.includes(value))) {
      return false;
    }
  }
  return true;
}

/**
 * The rows that pass the query: any selected value within a facet, every facet, every
 * search word (in name, title, description or tags), and ownership when `mine` is set.
 */
export function filterModelRows(
  rows: ModelRow[],
  query: ModelQuery,
  ownershipRefs: string[],
): ModelRow[] {
  const words = searchWords(query.text);
  return rows.filter(
    row =>
      (!query.mine || ownershipRefs.includes(row.owner)) &&
      matchesFacets(row, query.facets) &&
      matchesText(row, words),
  );
}

/** A facet value and the number of models it would show. */
export interface FacetCount {
  value: string;
  count: number;
}

/**
 * Every row's facet values as numbers, worked out once per list of rows: a facet
 * change then counts ten thousand rows with array reads instead of deriving each
 * row's values again.
 */
interface FacetIndex {
  /** Per facet, its distinct values; a row's values are indices into these. */
  values: Record<Facet, string[]>;
  /** Per facet, where each row's values start in `data` (row i: start[i]..start[i+1]). */
  start: Record<Facet, Int32Array>;
  data: Record<Facet, Int32Array>;
}

/** The index of each list of rows the page holds (a new list when a read arrives). */
const facetIndexes = new WeakMap<ModelRow[], FacetIndex>();

function facetIndexOf(rows: ModelRow[]): FacetIndex {
  const known = facetIndexes.get(rows);
  if (known) return known;
  const index = { values: {}, start: {}, data: {} } as FacetIndex;
  for (const facet of FACETS) {
    const ids = new Map<string, number>();
    const start = new Int32Array(rows.length + 1);
    const data: number[] = [];
    rows.forEach((row, i) => {
      start[i] = data.length;
      for (const value of facetValues(row, facet)) {
        let id = ids.get(value);
        if (id === undefined) {
          id = ids.size;
          ids.set(value, id);
        }
        data.push(id);
      }
    });
    start[rows.length] = data.length;
    index.values[facet] = [...ids.keys()];
    index.start[facet] = start;
    index.data[facet] = Int32Array.from(data);
  }
  facetIndexes.set(rows, index);
  return index;
}

/**
 * Counts per value for each facet. A facet's counts apply every other filter but its
 * own, so picking a second value of the same facet shows how many it would add.
 */
export function countFacets(
  rows: ModelRow[],
  query: ModelQuery,
  ownershipRefs: string[],
): Record<Facet, FacetCount[]> {
  const { values, start, data } = facetIndexOf(rows);
  const words = searchWords(query.text);
  // The facets with a selection, each with a mark per value it accepts.
  const active = FACETS.flatMap(facet => {
    const wanted = new Set(query.facets[facet] ?? []);
    if (wanted.size === 0) return [];
    return [{ facet, accepts: values[facet].map(value => wanted.has(value)) }];
  });
  const counts = Object.fromEntries(
    FACETS.map(facet => [facet, new Int32Array(values[facet].length)]),
  ) as Record<Facet, Int32Array>;
  const add = (facet: Facet, i: number) => {
    const of = data[facet];
    for (let k = start[facet][i]; k < start[facet][i + 1]; k++) {
      counts[facet][of[k]]++;
    }
  };
  // One pass: a row that fails no facet counts everywhere; a row that fails exactly
  // one facet counts only there (it would show if that facet's selection changed).
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (
      (query.mine && !ownershipRefs.includes(row.owner)) ||
      !matchesText(row, words)
    ) {
      continue;
    }
    let failed: Facet | undefined;
    let failures = 0;
    for (const { facet, accepts } of active) {
      let accepted = false;
      const of = data[facet];
      for (let k = start[facet][i]; k < start[facet][i + 1]; k++) {
        if (accepts[of[k]]) {
          accepted = true;
          break;
        }
      }
      if (!accepted) {
        failed = facet;
        if (++failures > 1) break;
      }
    }
    if (failures === 0) {
      FACETS.forEach(facet => add(facet, i));
    } else if (failures === 1) {
      add(failed!, i);
    }
  }
  const result = {} as Record<Facet, FacetCount[]>;
  for (const facet of FACETS) {
    const listed = new Map<string, number>();
    values[facet].forEach((value, id) => {
      if (counts[facet][id] > 0) listed.set(value, counts[facet][id]);
    });
    // Selected values stay listed even when nothing matches, so they can be removed.
    for (const value of query.facets[facet] ?? []) {
      if (!listed.has(value)) listed.set(value, 0);
    }
    result[facet] = [...listed.entries()]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  return result;
}

function sortKey(
  row: ModelRow,
  field: SortField,
  stageOrder: string[],
): string | number {
  switch (field) {
    case 'stage': {
      const index = stageOrder.indexOf(row.stage);
      return index === -1 ? stageOrder.length : index;
    }
    case 'risk': {
      return RISK_TIERS.indexOf((row.riskTier ?? '') as RiskTier);
    }
    case 'sla': {
      // Best first: met, at risk, breached, no data, then models without an SLA.
      const index = ['met', 'at_risk', 'breached', 'no_data'].indexOf(
        row.slaStatus ?? '',
      );
      return index === -1 ? 4 : index;
    }
    case 'compliance': {
      // Worst first would hide the order people expect: compliant first, like SLAs.
      const index = ['compliant', 'at_risk', 'non_compliant'].indexOf(
        row.compliance?.status ?? '',
      );
      return index === -1 ? 3 : index;
    }
    case 'title':
      return row.title.toLocaleLowerCase('en-US');
    case 'name':
      return row.name;
    default:
      return (
        (row[field as keyof ModelRow] as string | undefined) ?? ''
      ).toLocaleLowerCase('en-US');
  }
}

/**
 * Sorts rows by a column, by name when none is chosen (the order the catalog itself
 * returns, so a first page can be shown before all models have arrived); stages sort
 * in lifecycle order and risk tiers from minimal to prohibited, ties by name. Returns
 * a new array.
 */
export function sortModelRows(
  rows: ModelRow[],
  sort: ModelQuery['sort'],
  stageOrder: string[],
): ModelRow[] {
  const field = sort?.field ?? 'name';
  const factor = sort?.direction === 'desc' ? -1 : 1;
  const keyed = rows.map(row => ({
    row,
    key: sortKey(row, field, stageOrder),
  }));
  keyed.sort((a, b) => {
    if (a.key < b.key) return -factor;
    if (a.key > b.key) return factor;
    return a.row.name < b.row.name ? -1 : Number(a.row.name > b.row.name);
  });
  return keyed.map(k => k.row);
}
