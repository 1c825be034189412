import {
  resolveSafeChildPath,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import yaml from 'yaml';
import { publishLocalExamples } from './publishLocal.examples';

/**
 * Where published repositories go unless `lab2live.scaffolder.localPublishDirectory` says.
 *
 * @public
 */
export const DEFAULT_LOCAL_PUBLISH_DIRECTORY = 'data/repositories';

/**
 * `lab2live:publish:local`: publishes the workspace to a folder on the portal's own
 * machine and registers its catalog file, so the templates work in a portal with no
 * Git host. Swap it for `publish:github` or `publish:gitlab` plus `catalog:register`
 * in production.
 *
 * @public
 */
export function createPublishLocalAction(options: {
  config: RootConfigService;
  catalog: CatalogService;
  /** How long to wait for the catalog to show the new entities; default 30 s. */
  waitForEntitiesMs?: number;
}) {
  const root = path.resolve(
    options.config.getOptionalString(
      'lab2live.scaffolder.localPublishDirectory',
    ) ?? DEFAULT_LOCAL_PUBLISH_DIRECTORY,
  );
  return createTemplateAction({
    id: 'lab2live:publish:local',
    description:
      "Copies the workspace to a folder under the portal's local publish directory and registers its catalog file in the catalog.",
    examples: publishLocalExamples,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
            .describe('Folder name of the new repository, e.g. the model name'),
        catalogInfoPath: z =>
          z
            .string()
            .default('catalog-info.yaml')
            .describe('The catalog file inside the workspace to register'),
      },
      output: {
        repositoryPath: z => z.string().describe('Where the files now are'),
        catalogInfoPath: z =>
          z.string().describe('The registered catalog file'),
        entityRefs: z =>
          z
            .array(z.string())
            .describe('The entities the catalog found in the file'),
      },
    },
    async handler(ctx) {
      // The scaffolder does not fill in schema defaults for every caller.
      const catalogInfoPath = ctx.input.catalogInfoPath ?? 'catalog-info.yaml';
      const target = resolveSafeChildPath(root, ctx.input.name);
      const catalogFile = resolveSafeChildPath(
        ctx.workspacePath,
        catalogInfoPath,
      );
      await fs.access(catalogFile).catch(() => {
        throw new InputError(
          `The workspace has no ${catalogInfoPath} to register`,
        );
      });
      const exists = await fs.stat(target).then(
        () => true,
        () => false,
      );
      if (exists) {
        throw new ConflictError(
          `${target} already exists; choose another name or remove it first`,
        );
      }
      await fs.mkdir(root, { recursive: true });
      await fs.cp(ctx.workspacePath, target, { recursive: true });
      const registered = resolveSafeChildPath(target, catalogInfoPath);
      ctx.logger.info(`Published to ${target}; registering ${registered}`);
      const credentials = await ctx.getInitiatorCredentials();
      await options.catalog.addLocation(
        { type: 'file', target: registered },
        { credentials },
      );
      // The catalog answers before it has read the file, so the references come
      // from the file itself.
      const refs = yaml
        .parseAllDocuments(await fs.readFile(registered, 'utf8'))
        .map(doc => doc.toJSON())
        .filter(e => e && typeof e.kind === 'string' && e.metadata?.name)
        .map(
          e =>
            `${e.kind.toLocaleLowerCase('en-US')}:${
              e.metadata.namespace ?? 'default'
            }/${e.metadata.name}`,
        );
      // The catalog processes new locations in the background; waiting a little lets
      // the task's "Open" link land on a page that exists.
      const deadline = Date.now() + (options.waitForEntitiesMs ?? 30_000);
      for (const ref of refs) {
        while (
          !(await options.catalog.getEntityByRef(ref, { credentials })) &&
          Date.now() < deadline
        ) {
          await new Promise(resolve => setTimeout(resolve, 1000));
        }
      }
      ctx.output('repositoryPath', target);
      ctx.output('catalogInfoPath', registered);
      ctx.output('entityRefs', refs);
    },
  });
}
