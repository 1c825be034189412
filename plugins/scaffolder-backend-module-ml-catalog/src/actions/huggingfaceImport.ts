import {
  resolveSafeChildPath,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DEFAULT_HUB_URL,
  HubError,
  hubModelToEntities,
  readHubModel,
} from '@lab2live/ml-catalog-validate';
import fs from 'node:fs/promises';
import path from 'node:path';
import yaml from 'yaml';
import { huggingfaceImportExamples } from './huggingfaceImport.examples';

/**
 * `lab2live:huggingface:import`: reads a model's info and model card from the Hugging
 * Face Hub (`lab2live.huggingface.baseUrl`, a mirror or the public Hub; optional
 * `token` for gated models) and writes its MLModel, with `baseModel` lineage and the
 * card's metrics, and a Dataset per dataset the card names into the workspace, checked
 * against the Lab2Live kinds. It only reads the Hub and writes the task's workspace:
 * what reaches the catalog is decided by the publish step after it.
 *
 * @public
 */
export function createHuggingfaceImportAction(options: {
  config: RootConfigService;
}) {
  const hub = options.config.getOptionalConfig('lab2live.huggingface');
  const baseUrl = hub?.getOptionalString('baseUrl') ?? DEFAULT_HUB_URL;
  const token = hub?.getOptionalString('token');
  const timeoutMs = hub?.getOptionalNumber('timeout');
  const lifecycleStages = options.config.getOptionalStringArray(
    'lab2live.lifecycle.stages',
  );
  return createTemplateAction({
    id: 'lab2live:huggingface:import',
    description:
      'Writes the catalog entities of a Hugging Face model from its model info and model card: an MLModel (type, license, framework, languages, base model, metrics) and a Dataset per dataset the card names.',
    examples: huggingfaceImportExamples,
    supportsDryRun: true,
    schema: {
      input: {
        modelId: z =>
          z
            .string()
            .min(1)
            .describe(
              'The model on the Hub, e.g. distilbert/distilbert-base-uncased',
            ),
        owner: z =>
          z
            .string()
            .min(1)
            .describe('The owning group or user, e.g. group:nlp'),
        system: z =>
          z.string().optional().describe('The system the model belongs to'),
        lifecycle: z =>
          z
            .string()
            .default('experimental')
            .describe('The lifecycle stage of the imported model'),
        name: z =>
          z
            .string()
            .optional()
            .describe('The MLModel name; default: org-name of the model id'),
        targetPath: z =>
          z
            .string()
            .default('catalog-info.yaml')
            .describe('The catalog file to write, relative to the workspace'),
      },
      output: {
        entityRef: z => z.string().describe('The MLModel written'),
        name: z => z.string().describe("The MLModel's name"),
        datasets: z =>
          z.array(z.string()).describe('The Dataset entities written'),
        baseModel: z =>
          z.string().optional().describe('The base model the card names'),
      },
    },
    async handler(ctx) {
      const target = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.targetPath ?? 'catalog-info.yaml',
      );
      let result;
      try {
        const model = await readHubModel(ctx.input.modelId, {
          baseUrl,
          token,
          timeoutMs,
        });
        result = hubModelToEntities(model, {
          owner: ctx.input.owner,
          system: ctx.input.system || undefined,
          lifecycle: ctx.input.lifecycle ?? 'experimental',
          name: ctx.input.name || undefined,
          baseUrl,
          lifecycleStages,
        });
      } catch (error) {
        if (error instanceof HubError) {
          throw new InputError(
            `Importing ${ctx.input.modelId} from Hugging Face failed [${error.code}]: ${error.message}`,
          );
        }
        throw error;
      }
      const { model, datasets } = result;
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(
        target,
        [model, ...datasets].map(e => yaml.stringify(e)).join('---\n'),
      );
      const entityRef = stringifyEntityRef(model);
      ctx.logger.info(
        `Wrote ${entityRef} and ${datasets.length} dataset(s) from ${ctx.input.modelId}`,
      );
      ctx.output('entityRef', entityRef);
      ctx.output('name', model.metadata.name);
      ctx.output(
        'datasets',
        datasets.map(d => stringifyEntityRef(d)),
      );
      if (model.spec?.baseModel) {
        ctx.output('baseModel', String(model.spec.baseModel));
      }
    },
  });
}
