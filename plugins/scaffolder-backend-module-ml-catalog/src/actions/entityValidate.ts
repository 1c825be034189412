import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { hasErrors, validateFiles } from '@lab2live/ml-catalog-validate';
import { entityValidateExamples } from './entityValidate.examples';

/**
 * `lab2live:entity:validate`: checks the catalog files a template wrote with the same
 * validators and messages as `lab2live-validate`, and fails the task when one is wrong,
 * before anything is published.
 *
 * @public
 */
export function createEntityValidateAction(options: {
  lifecycleStages?: string[];
}) {
  return createTemplateAction({
    id: 'lab2live:entity:validate',
    description:
      'Validates catalog files in the workspace against the Lab2Live kinds (and the built-in ones), with the messages of lab2live-validate.',
    examples: entityValidateExamples,
    supportsDryRun: true,
    schema: {
      input: {
        files: z =>
          z
            .array(z.string())
            .min(1)
            .default(['catalog-info.yaml'])
            .describe('Catalog files, relative to the workspace'),
      },
      output: {
        entities: z =>
          z.array(z.string()).describe('The entities checked, as Kind:name'),
      },
    },
    async handler(ctx) {
      const files = ctx.input.files ?? ['catalog-info.yaml'];
      const paths = files.map(file =>
        resolveSafeChildPath(ctx.workspacePath, file),
      );
      const reports = await validateFiles(paths, {
        lifecycleStages: options.lifecycleStages,
      });
      const problems = reports.flatMap(report => [
        ...report.errors.map(e => `${report.file}: ${e.message}`),
        ...report.entities.flatMap(entity => entity.errors.map(e => e.message)),
      ]);
      if (hasErrors(reports)) {
        for (const problem of problems) ctx.logger.error(problem);
        throw new InputError(
          `The generated catalog files are not valid:\n${problems.join('\n')}`,
        );
      }
      const entities = reports.flatMap(report =>
        report.entities.map(
          entity => `${entity.kind ?? 'Entity'}:${entity.name ?? '<unnamed>'}`,
        ),
      );
      ctx.logger.info(`Valid: ${entities.join(', ')}`);
      ctx.output('entities', entities);
    },
  });
}
