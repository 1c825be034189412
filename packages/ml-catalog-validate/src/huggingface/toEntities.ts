import type { Entity } from '@backstage/catalog-model';
import {
  createLab2LiveValidator,
  HUGGINGFACE_MODEL_ANNOTATION,
  LAB2LIVE_API_VERSION,
  LAB2LIVE_SOURCE_ANNOTATION,
  REGISTRY_LINK_TYPES,
  toEntityName,
} from '@lab2live/plugin-ml-catalog-common';
import { DEFAULT_HUB_URL, HubError, HubModel } from './hubClient';

/** Hub pipeline tags to MLModel types; others are `other`. */
const PIPELINE_TYPES: Record<string, string> = {
  'text-classification': 'classification',
  'token-classification': 'classification',
  'zero-shot-classification': 'classification',
  'image-classification': 'classification',
  'audio-classification': 'classification',
  'video-classification': 'classification',
  'tabular-classification': 'classification',
  'tabular-regression': 'regression',
  'time-series-forecasting': 'forecasting',
  'text-ranking': 'ranking',
  'feature-extraction': 'embedding',
  'sentence-similarity': 'embedding',
  'text-generation': 'generative',
  'text2text-generation': 'generative',
  'image-text-to-text': 'generative',
  'text-to-image': 'generative',
  'image-to-text': 'generative',
  'text-to-speech': 'generative',
  summarization: 'generative',
  translation: 'generative',
  'automatic-speech-recognition': 'generative',
};

/** A Backstage tag: lower-case words joined by -. */
const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;

/**
 * What the import adds that the Hub does not know.
 *
 * @public
 */
export interface HubImportOptions {
  /** The owning group or user, e.g. group:default/nlp. */
  owner: string;
  system?: string;
  /** Default: experimental. */
  lifecycle?: string;
  /** The MLModel's name. Default: made from the model id (org-name). */
  name?: string;
  /** The Hub or mirror the model was read from, for links. */
  baseUrl?: string;
  /** The lifecycle stages the catalog accepts (lab2live.lifecycle.stages). */
  lifecycleStages?: string[];
}

/**
 * The entities an import writes: the model and a Dataset per dataset its card names.
 *
 * @public
 */
export interface HubImport {
  model: Entity;
  datasets: Entity[];
}

function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list
    .filter(
      (v): v is string | number =>
        typeof v === 'string' || typeof v === 'number',
    )
    .map(v => String(v).trim())
    .filter(Boolean);
}

/** The first paragraph of the card's text that is not a heading, an image or a comment. */
function summaryOf(body: string): string | undefined {
  const paragraph = body
    .replace(/<!--[\s\S]*?-->/g, '')
    .split(/\r?\n\s*\r?\n/)
    .map(p => p.trim())
    .find(p => p && !/^(#|!\[|<|\||```|-{3,})/.test(p));
  if (!paragraph) return undefined;
  const text = paragraph.replace(/\s+/g, ' ');
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

/**
 * The MLModel and Dataset entities of a Hub model: type from the pipeline tag, license,
 * library, languages as tags, `baseModel` from `base_model`, training datasets from
 * `datasets`, and the `model-index` results as metrics on their evaluation datasets.
 * Validated against the Lab2Live kinds: throws a HubError (`INVALID_ENTITY`) naming
 * every problem.
 *
 * @public
 */
export function hubModelToEntities(
  hub: HubModel,
  options: HubImportOptions,
): HubImport {
  const { info, frontMatter } = hub;
  const card = { ...(info.cardData ?? {}), ...frontMatter };
  const base = (options.baseUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, '');
  const name = options.name ?? toEntityName(info.id.replace('/', '-'));
  const lifecycle = options.lifecycle ?? 'experimental';
  const pipeline =
    strings(card.pipeline_tag)[0] ?? info.pipeline_tag ?? undefined;
  const license =
    strings(card.license)[0] === 'other'
      ? strings(card.license_name)[0] ?? 'other'
      : strings(card.license)[0];
  const framework = strings(card.library_name)[0] ?? info.library_name;
  const languages = strings(card.language);
  const baseModel = strings(card.base_model)[0];
  const tags = [...new Set([pipeline, ...languages].filter(Boolean))]
    .map(t => t!.toLocaleLowerCase('en-US'))
    .filter(t => TAG.test(t) && t.length <= 63);

  const datasets = new Map<string, Entity>();
  const datasetRef = (id: string) => {
    const datasetName = toEntityName(id.replace('/', '-'));
    if (!datasets.has(datasetName)) {
      datasets.set(datasetName, {
        apiVersion: LAB2LIVE_API_VERSION,
        kind: 'Dataset',
        metadata: {
          name: datasetName,
          title: id,
          annotations: {
            'huggingface.co/dataset-id': id,
            [LAB2LIVE_SOURCE_ANNOTATION]: 'huggingface',
          },
          links: [
            {
              url: `${base}/datasets/${id}`,
              title: 'Hugging Face dataset card',
              type: 'huggingface-dataset',
            },
          ],
        },
        spec: {
          type: 'files',
          owner: options.owner,
          ...(options.system ? { system: options.system } : {}),
          lifecycle,
          location: `${base}/datasets/${id}`,
        },
      });
    }
    return `dataset:${datasetName}`;
  };

  const links: Array<{ ref: string; role: string }> = [];
  const link = (ref: string, role: string) => {
    if (!links.some(l => l.ref === ref && l.role === role)) {
      links.push({ ref, role });
    }
  };
  for (const id of strings(card.datasets)) link(datasetRef(id), 'training');

  const metrics: Array<{ name: string; value: number; dataset?: string }> = [];
  const modelIndex = Array.isArray(card['model-index'])
    ? card['model-index']
    : [];
  for (const entry of modelIndex) {
    for (const result of Array.isArray(entry?.results) ? entry.results : []) {
      const datasetId = strings(result?.dataset?.type)[0];
      const ref = datasetId ? datasetRef(datasetId) : undefined;
      if (ref) link(ref, 'evaluation');
      for (const metric of Array.isArray(result?.metrics)
        ? result.metrics
        : []) {
        const metricName = strings(metric?.type)[0] ?? strings(metric?.name)[0];
        const value = Number(metric?.value);
        if (!metricName || !Number.isFinite(value)) continue;
        metrics.push({
          name: metricName,
          value,
          ...(ref ? { dataset: ref } : {}),
        });
      }
    }
  }

  const description = summaryOf(hub.body);
  const model: Entity = {
    apiVersion: LAB2LIVE_API_VERSION,
    kind: 'MLModel',
    metadata: {
      name,
      title: info.id,
      ...(description ? { description } : {}),
      ...(tags.length ? { tags } : {}),
      annotations: {
        [HUGGINGFACE_MODEL_ANNOTATION]: info.id,
        [LAB2LIVE_SOURCE_ANNOTATION]: 'huggingface',
        ...(languages.length
          ? { 'huggingface.co/language': languages.join(', ') }
          : {}),
      },
      links: [
        {
          url: `${base}/${info.id}`,
          title: 'Hugging Face model card',
          type: REGISTRY_LINK_TYPES.huggingface,
        },
      ],
    },
    spec: {
      type: (pipeline && PIPELINE_TYPES[pipeline]) ?? 'other',
      owner: options.owner,
      ...(options.system ? { system: options.system } : {}),
      lifecycle,
      ...(framework ? { framework } : {}),
      ...(license ? { license } : {}),
      ...(baseModel
        ? { baseModel: `mlmodel:${toEntityName(baseModel.replace('/', '-'))}` }
        : {}),
      ...(info.sha ? { version: info.sha } : {}),
      ...(links.length ? { datasets: links } : {}),
      ...(metrics.length ? { metrics } : {}),
    },
  };

  const result = { model, datasets: [...datasets.values()] };
  const validator = createLab2LiveValidator({
    lifecycleStages: options.lifecycleStages,
  });
  const problems = [result.model, ...result.datasets].flatMap(entity =>
    validator
      .validate(entity)
      .map(issue => `${entity.kind} ${entity.metadata.name}: ${issue.message}`),
  );
  if (problems.length > 0) {
    throw new HubError(
      `the entities made from ${info.id} are not valid:\n${problems.join(
        '\n',
      )}`,
      'INVALID_ENTITY',
    );
  }
  return result;
}
