import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { Review } from '@lab2live/plugin-ml-catalog-common';
import { reviewCreateExamples } from './reviewCreate.examples';
import { postToMlCatalog } from './postToMlCatalog';

/**
 * `lab2live:review:create`: opens a governance review of a model at a version with the
 * credentials of the person running the template. The backend decides: only members of
 * the owning team may open one, and a model has at most one open review.
 *
 * @public
 */
export function createReviewCreateAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const { discovery, auth } = options;
  return createTemplateAction({
    id: 'lab2live:review:create',
    description:
      'Opens a governance review of a model at a version, as the person running the template.',
    examples: reviewCreateExamples,
    supportsDryRun: true,
    schema: {
      input: {
        model: z =>
          z
            .string()
            .min(1)
            .describe('The model, e.g. mlmodel:default/churn-predictor'),
        version: z => z.string().min(1).describe('The version to review'),
      },
      output: {
        reviewId: z => z.string().describe('The new review'),
        checklistItems: z =>
          z.number().describe('How many checklist items the review has'),
        reviewUrl: z =>
          z.string().describe("The model page's Governance tab, relative"),
      },
    },
    async handler(ctx) {
      const { model, version } = ctx.input;
      const [kind, rest] = model.includes(':')
        ? model.split(':', 2)
        : ['mlmodel', model];
      const [namespace, name] = rest.includes('/')
        ? rest.split('/', 2)
        : ['default', rest];
      const reviewUrl = `/catalog/${namespace}/${kind}/${name}/governance`;
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would open a review of ${model} v${version}`);
        ctx.output('reviewId', 'dry-run');
        ctx.output('checklistItems', 0);
        ctx.output('reviewUrl', reviewUrl);
        return;
      }
      const response = await postToMlCatalog({
        discovery,
        auth,
        onBehalfOf: await ctx.getInitiatorCredentials(),
        path: '/reviews',
        body: { model, version },
        failure: `Could not open a review of ${model}`,
      });
      const review = (await response.json()) as Review;
      ctx.logger.info(
        `Opened review ${review.id} of ${review.model} v${review.version} (${review.riskTier} risk, ${review.items.length} checklist items)`,
      );
      ctx.output('reviewId', review.id);
      ctx.output('checklistItems', review.items.length);
      ctx.output('reviewUrl', reviewUrl);
    },
  });
}
