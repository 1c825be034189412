import {
  DocumentationSection,
  formatRiskReason,
  meetsThreshold,
  metricDirection,
  RecordedRiskAssessment,
} from '@lab2live/plugin-ml-catalog-common';
import {
  AnySpec,
  DocumentationInputs,
  fullRef,
  itemEvidence,
  itemsCiting,
  named,
  specOf,
} from './inputs';
import { missing, SectionBuilder } from './sectionBuilder';

const CATALOG_FILE = "the model's catalog-info.yaml";
const CHECKLIST = "the review's checklist on the model's Governance tab";

type Metric = {
  name: string;
  value: number;
  direction?: 'higher' | 'lower';
  threshold?: number;
  dataset?: string;
  slices?: Array<{ name: string; value: number }>;
};

export const metricsOf = (spec: AnySpec): Metric[] =>
  Array.isArray(spec.metrics) ? (spec.metrics as Metric[]) : [];

/**
 * Does a value meet its metric's threshold, judged in the metric's direction?
 * The judgement is common's, shared with the model page and the validator.
 */
export function meets(metric: Metric, value: number): boolean | undefined {
  if (typeof metric.threshold !== 'number') return undefined;
  return meetsThreshold(value, metric.threshold, metricDirection(metric));
}

const yesNo = (value: boolean | undefined, otherwise = '') => {
  if (value === undefined) return otherwise;
  return value ? 'yes' : 'no';
};

const betterWay = (metric: Metric) =>
  metric.direction ? `${metric.direction} is better` : 'not stated';

/** The headline metrics in one line: `auc 0.87 (threshold 0.8, met) on dataset:x`. */
function metricSummary(metrics: Metric[]): string | undefined {
  if (metrics.length === 0) return undefined;
  return metrics
    .map(m => {
      const met = meets(m, m.value);
      const bar =
        met === undefined
          ? ''
          : ` (threshold ${m.threshold}, ${met ? 'met' : 'NOT met'})`;
      return `${m.name} ${m.value}${bar}${m.dataset ? ` on ${m.dataset}` : ''}`;
    })
    .join('; ');
}

function sliceRows(metrics: Metric[]): string[][] {
  return metrics.flatMap(m =>
    (m.slices ?? []).map(slice => {
      const met = meets(m, slice.value);
      return [
        m.name,
        slice.name,
        String(slice.value),
        met === undefined ? 'no threshold' : yesNo(met),
      ];
    }),
  );
}

/** The risk assessment a model records (`spec.governance.riskAssessment`), if any. */
export function assessmentOf(
  spec: AnySpec,
): RecordedRiskAssessment | undefined {
  const recorded = spec.governance?.riskAssessment;
  return recorded && Array.isArray(recorded.reasons) ? recorded : undefined;
}

/** The model's risk tier, with the provisions that put it there when assessed. */
export function riskTierText(spec: AnySpec): string | undefined {
  const tier = spec.governance?.riskTier as string | undefined;
  if (!tier) return undefined;
  const assessment = assessmentOf(spec);
  if (!assessment) return tier;
  const reasons = assessment.reasons.map(formatRiskReason).join('; ');
  return assessment.tier === tier
    ? `${tier} (${reasons})`
    : `${tier}, set stricter than the assessed ${assessment.tier} (${reasons})`;
}

/** Annex IV point 1: general description and intended purpose. */
export function generalDescription(
  i: DocumentationInputs,
): DocumentationSection {
  const { model, related, reviews } = i;
  const spec = specOf(model);
  const namespace = model.metadata.namespace ?? 'default';
  const s = new SectionBuilder(
    1,
    'General description and intended purpose',
    'Intended purpose; provider; version and its relation to earlier versions; interactions with hardware, software and other AI systems; software versions; forms of placing on the market; hardware; instructions for use.',
  );
  const owner = fullRef(spec.owner, 'group', namespace);
  const earlier = [
    ...new Set(
      reviews.map(r => r.version).filter(v => v && v !== spec.version),
    ),
  ];
  const base = fullRef(spec.baseModel, 'mlmodel', namespace);
  s.group('Identity')
    .note('Model', `${model.metadata.title ?? model.metadata.name} (${i.ref})`)
    .fact(
      'Description',
      model.metadata.description,
      missing(
        'a description of what the model does',
        `metadata.description of ${CATALOG_FILE}`,
      ),
    )
    .fact(
      'Provider (owner)',
      owner && named(owner, related),
      missing(
        'the team that provides the model',
        `spec.owner of ${CATALOG_FILE}`,
      ),
    )
    .fact(
      'Version',
      spec.version,
      missing(
        'the version this documentation describes',
        `spec.version of ${CATALOG_FILE}`,
      ),
    )
    .note(
      'Earlier versions',
      [
        earlier.length ? `reviewed before: ${earlier.join(', ')}` : '',
        base ? `derived from ${named(base, related)}` : '',
      ]
        .filter(Boolean)
        .join('; ') || 'none recorded in Lab2Live',
    );
  if (spec.system) s.note('System', String(spec.system));
  if (spec.lifecycle) s.note('Lifecycle stage', String(spec.lifecycle));

  s.group('Intended purpose')
    .fact(
      'Intended purpose',
      spec.intendedUse?.primaryUses,
      missing(
        'the uses the model is built for',
        `spec.intendedUse.primaryUses of ${CATALOG_FILE}`,
      ),
    )
    .fact(
      'Intended users',
      spec.intendedUse?.primaryUsers,
      missing(
        'who the model is meant for',
        `spec.intendedUse.primaryUsers of ${CATALOG_FILE}`,
      ),
    )
    .fact(
      'Out of scope',
      spec.intendedUse?.outOfScope,
      missing(
        'the uses the model must not be put to',
        `spec.intendedUse.outOfScope of ${CATALOG_FILE}`,
      ),
    )
    .fact(
      'EU AI Act risk tier',
      riskTierText(spec),
      missing(
        'the EU AI Act risk tier',
        `spec.governance.riskTier of ${CATALOG_FILE} (the "New ML model" template works it out from its risk questions)`,
      ),
    );

  const rows: string[][] = [];
  for (const ref of spec.servedBy ?? []) {
    const full = fullRef(ref, 'component', namespace);
    if (full)
      rows.push([named(full, related), 'serves the model', describe(i, full)]);
  }
  for (const full of i.consumers) {
    rows.push([
      named(full, related),
      'uses the model (dependsOn)',
      describe(i, full),
    ]);
  }
  for (const sla of i.slas) {
    for (const ref of (sla.spec?.consumers as string[] | undefined) ?? []) {
      const full = fullRef(
        ref,
        'component',
        sla.metadata.namespace ?? 'default',
      );
      if (full)
        rows.push([
          named(full, related),
          `is promised ${sla.metadata.name}`,
          describe(i, full),
        ]);
    }
  }
  if (base)
    rows.push([
      named(base, related),
      'pre-trained model it derives from',
      describe(i, base),
    ]);
  s.table(
    'Interactions with other software and AI systems',
    ['System', 'Relation', 'Description'],
    rows,
    missing(
      'the services that serve or use the model',
      `spec.servedBy of ${CATALOG_FILE}, or spec.dependsOn: [mlmodel:${model.metadata.name}] on the Components that use it`,
    ),
  );

  const servers = (spec.servedBy ?? []) as string[];
  const endpoints = (i.status?.deployments ?? [])
    .filter(d => d.endpointUrl)
    .map(d => `${d.environment}: ${d.endpointUrl}`);
  s.group('Software, placing on the market and hardware')
    .fact(
      'Framework and software',
      spec.framework,
      missing(
        'the framework and software it is built with',
        `spec.framework of ${CATALOG_FILE}`,
      ),
    )
    .topic(
      'Forms of placing on the market',
      model,
      'market-forms',
      servers.length
        ? `Served as an API by ${servers.join(', ')}${
            endpoints.length ? ` (${endpoints.join('; ')})` : ''
          }`
        : undefined,
    )
    .topic('Hardware', model, 'hardware')
    .topic(
      'Instructions for use',
      model,
      'instructions',
      itemEvidence(itemsCiting(i.review, 13)),
    );
  return s.build();
}

function describe(i: DocumentationInputs, ref: string): string {
  const entity = i.related.get(ref);
  if (!entity) return 'not visible in the catalog';
  return entity.metadata.description?.trim() || String(entity.spec?.type ?? '');
}

/** Annex IV point 2: the elements of the system and how it was developed. */
export function development(i: DocumentationInputs): DocumentationSection {
  const { model, related, review } = i;
  const spec = specOf(model);
  const namespace = model.metadata.namespace ?? 'default';
  const s = new SectionBuilder(
    2,
    'Elements of the system and its development',
    'Methods and steps; design choices; architecture and computing resources; datasheets and data; human oversight measures; pre-determined changes; validation and testing with metrics and per-group results; cybersecurity.',
  );
  const base = fullRef(spec.baseModel, 'mlmodel', namespace);
  s.group('Methods and design')
    .fact(
      'Task',
      spec.type,
      missing('the task the model performs', `spec.type of ${CATALOG_FILE}`),
    )
    .topic(
      'Development methods',
      model,
      'methods',
      base
        ? `Fine-tuned or distilled from ${named(base, related)}${
            spec.framework ? ` with ${spec.framework}` : ''
          }`
        : undefined,
    )
    .topic('Design choices', model, 'design')
    .topic('Architecture and computing resources', model, 'architecture');

  const datasets = (
    Array.isArray(spec.datasets) ? spec.datasets : []
  ) as Array<{
    ref: string;
    role: string;
    version?: string;
  }>;
  const rows: string[][] = [];
  for (const link of datasets) {
    const ref = fullRef(link.ref, 'dataset', namespace) ?? link.ref;
    const entity = related.get(ref);
    const ds = (entity?.spec ?? {}) as Record<string, any>;
    if (!entity) {
      s.gap(
        missing(
          `${ref} in the catalog (or visible to you)`,
          `a Dataset entity named ${ref}`,
        ),
      );
    } else if (!ds.datasheet) {
      s.gap(
        missing(
          `the datasheet of ${ref}`,
          `spec.datasheet of the Dataset ${ref}`,
        ),
      );
    }
    if (link.role !== 'monitoring' && !link.version) {
      s.gap(
        missing(
          `the version of ${ref} used for ${link.role}`,
          `spec.datasets[].version of ${CATALOG_FILE}`,
        ),
      );
    }
    const unseen = entity ? 'not declared' : 'not visible';
    rows.push([
      link.role,
      named(ref, related),
      link.version ??
        (ds.version ? `${ds.version} (dataset's current)` : 'Missing'),
      ds.datasheet ?? (entity ? 'Missing' : unseen),
      yesNo(ds.personalData, unseen),
      ds.license ?? unseen,
      [ds.location, ...(ds.derivedFrom ?? []).map((d: string) => `from ${d}`)]
        .filter(Boolean)
        .join('; ') || unseen,
    ]);
  }
  if (datasets.length && !datasets.some(d => d.role === 'training')) {
    s.gap(
      missing(
        'a training dataset',
        `spec.datasets (role training) of ${CATALOG_FILE}`,
      ),
    );
  }
  s.table(
    'Datasets by role (datasheets)',
    [
      'Role',
      'Dataset',
      'Version used',
      'Datasheet',
      'Personal data',
      'License',
      'Location and provenance',
    ],
    rows,
    missing(
      'the training, validation and evaluation datasets with their versions',
      `spec.datasets of ${CATALOG_FILE}`,
    ),
  );

  s.group('Data governance and human oversight')
    .fact(
      'Personal data',
      yesNo(spec.governance?.personalData),
      missing(
        'whether training or inference touches personal data',
        `spec.governance.personalData of ${CATALOG_FILE}`,
      ),
    )
    .fact(
      'Data governance (Art. 10)',
      itemEvidence(itemsCiting(review, 10)),
      missing(
        'evidence of data governance: provenance, labelling, bias examination (Art. 10)',
        CHECKLIST,
      ),
    )
    .fact(
      'Human oversight measures (Art. 14)',
      spec.governance?.humanOversight,
      missing(
        'how people oversee, override and stop the model',
        `spec.governance.humanOversight of ${CATALOG_FILE}`,
      ),
    )
    .topic('Pre-determined changes', model, 'changes-plan', retraining(i));

  const metrics = metricsOf(spec);
  s.table(
    'Validation and testing: metrics',
    ['Metric', 'Value', 'Direction', 'Threshold', 'Meets it', 'Measured on'],
    metrics.map(m => [
      m.name,
      String(m.value),
      betterWay(m),
      m.threshold === undefined ? 'none' : String(m.threshold),
      yesNo(meets(m, m.value), 'no threshold'),
      m.dataset ?? 'Missing',
    ]),
    missing(
      'the evaluation metrics of this version',
      `spec.metrics of ${CATALOG_FILE}`,
    ),
  );
  for (const m of metrics) {
    if (!m.dataset) {
      s.gap(
        missing(
          `the dataset ${m.name} was measured on`,
          `spec.metrics[].dataset of ${CATALOG_FILE}`,
        ),
      );
    }
  }
  s.table(
    'Results per group or condition',
    ['Metric', 'Group', 'Value', 'Meets the threshold'],
    sliceRows(metrics),
    missing(
      'results per group or condition',
      `spec.metrics[].slices (with spec.factors.evaluation naming the groups) of ${CATALOG_FILE}`,
    ),
  );
  s.group('Test reports and security')
    .fact(
      'Test reports',
      itemEvidence(
        (review?.items ?? []).filter(item =>
          /ML Test Score|Art(icle|\.)?\s*15\b/i.test(item.source),
        ),
      ),
      missing(
        'dated test reports of the responsible people',
        `evidence links on the testing items of ${CHECKLIST}`,
      ),
    )
    .topic(
      'Cybersecurity measures',
      model,
      'cybersecurity',
      itemEvidence(itemsCiting(review, 15)),
    );
  return s.build();
}

/** The retraining promise of the model's SLAs, a pre-determined change. */
function retraining(i: DocumentationInputs): string | undefined {
  const promises = i.slas.flatMap(sla =>
    ((sla.spec?.objectives as any[]) ?? [])
      .filter(o => o.indicator === 'model_age_days')
      .map(
        o => `retrained at least every ${o.target} days (${sla.metadata.name})`,
      ),
  );
  return promises.length ? `The model is ${promises.join('; ')}` : undefined;
}

/** Annex IV point 3: monitoring, functioning and control. */
export function functioning(i: DocumentationInputs): DocumentationSection {
  const { model } = i;
  const spec = specOf(model);
  const s = new SectionBuilder(
    3,
    'Monitoring, functioning and control',
    'Capabilities and limitations, with accuracy for the groups it is used on and overall; foreseeable unintended outcomes and sources of risk; human oversight and how outputs are interpreted; input data specifications.',
  );
  const metrics = metricsOf(spec);
  const slices = sliceRows(metrics);
  s.group('Capabilities and limitations')
    .fact(
      'Capabilities',
      spec.intendedUse?.primaryUses &&
        `${spec.type ?? 'model'}: ${spec.intendedUse.primaryUses}`,
      missing(
        'what the model can do',
        `spec.intendedUse.primaryUses of ${CATALOG_FILE}`,
      ),
    )
    .fact(
      'Expected overall accuracy',
      metricSummary(metrics),
      missing(
        'the overall accuracy for its intended purpose',
        `spec.metrics of ${CATALOG_FILE}`,
      ),
    )
    .fact(
      'Accuracy per group',
      slices.length
        ? slices.map(r => `${r[0]} ${r[1]}: ${r[2]}`).join('; ')
        : undefined,
      missing(
        'accuracy for the groups of people it is used on',
        `spec.metrics[].slices of ${CATALOG_FILE}`,
      ),
    )
    .fact(
      'Factors',
      Array.isArray(spec.factors?.relevant)
        ? spec.factors.relevant.join(', ')
        : undefined,
      missing(
        'the factors that change its performance',
        `spec.factors.relevant of ${CATALOG_FILE}`,
      ),
    )
    .fact(
      'Limitations',
      spec.limitations,
      missing(
        'its known limitations, biases and failure modes',
        `spec.limitations of ${CATALOG_FILE}`,
      ),
    );
  s.group('Risks, oversight and input')
    .topic(
      'Foreseeable unintended outcomes and risks',
      model,
      'risks',
      spec.ethicalConsiderations,
    )
    .fact(
      'Caveats and recommendations',
      spec.caveatsAndRecommendations,
      missing(
        'caveats and recommendations for deployers',
        `spec.caveatsAndRecommendations of ${CATALOG_FILE}`,
      ),
    )
    .fact(
      'Human oversight',
      spec.governance?.humanOversight,
      missing(
        'how people oversee, interpret and override its outputs',
        `spec.governance.humanOversight of ${CATALOG_FILE}`,
      ),
    )
    .topic('Input data specifications', model, 'input-data');
  return s.build();
}

/** Annex IV point 4: why the performance metrics fit. */
export function metricAppropriateness(
  i: DocumentationInputs,
): DocumentationSection {
  const { model } = i;
  const spec = specOf(model);
  const s = new SectionBuilder(
    4,
    'Appropriateness of the performance metrics',
    'Why the metrics used fit this system and its intended purpose.',
  );
  const watched = new Map<string, string[]>();
  for (const sla of i.slas) {
    for (const o of (sla.spec?.objectives as any[]) ?? []) {
      const name = String(o.indicator).match(/^quality:(.+)$/)?.[1];
      if (name)
        watched.set(name, [
          ...(watched.get(name) ?? []),
          `${sla.metadata.name} (${o.op} ${o.target})`,
        ]);
    }
  }
  const metrics = metricsOf(spec);
  for (const m of metrics) {
    if (!m.direction) {
      s.gap(
        missing(
          `which way ${m.name} is better`,
          `spec.metrics[].direction of ${CATALOG_FILE}`,
        ),
      );
    }
    if (m.threshold === undefined) {
      s.gap(
        missing(
          `the threshold ${m.name} must meet`,
          `spec.metrics[].threshold of ${CATALOG_FILE}`,
        ),
      );
    }
  }
  s.table(
    'Metrics',
    ['Metric', 'Direction', 'Threshold', 'Watched in production by'],
    metrics.map(m => [
      m.name,
      betterWay(m),
      m.threshold === undefined ? 'none' : String(m.threshold),
      (watched.get(m.name) ?? []).join(', ') || 'no SLA objective',
    ]),
    missing('the performance metrics', `spec.metrics of ${CATALOG_FILE}`),
  );
  s.group().topic('Why these metrics fit', model, 'metrics-rationale');
  return s.build();
}
