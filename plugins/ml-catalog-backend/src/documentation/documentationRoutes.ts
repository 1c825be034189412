import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { TechnicalDocumentation } from '@lab2live/plugin-ml-catalog-common';
import type express from 'express';
import type { DocumentationService } from './DocumentationService';
import { renderMarkdown } from './markdown';
import { renderPdf } from './pdf';

/** The file name of a pack: `annex-iv-<model>-v<version>-<date>.<ext>`. */
export function documentationFileName(
  doc: TechnicalDocumentation,
  extension: string,
): string {
  const name = doc.model.replace(/^[^:]*:/, '').replace(/^default\//, '');
  const parts = [
    'annex-iv',
    name,
    doc.version ? `v${doc.version}` : '',
    doc.generatedAt.slice(0, 10),
  ].filter(Boolean);
  return `${parts.join('-').replace(/[^A-Za-z0-9._-]+/g, '-')}.${extension}`;
}

/**
 * `GET /models/:kind/:namespace/:name/documentation?format=json|md|pdf`: the model's
 * Annex IV technical documentation, as data or as a download.
 */
export function addDocumentationRoutes(
  router: express.Router,
  deps: { documentation: DocumentationService; httpAuth: HttpAuthService },
) {
  router.get(
    '/models/:kind/:namespace/:name/documentation',
    async (req, res) => {
      const credentials = await deps.httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const doc = await deps.documentation.getDocumentation(
        `${req.params.kind}:${req.params.namespace}/${req.params.name}`,
        credentials,
      );
      const format = (req.query.format as string | undefined) ?? 'json';
      if (format === 'md') {
        res
          .type('text/markdown; charset=utf-8')
          .attachment(documentationFileName(doc, 'md'))
          .send(renderMarkdown(doc));
      } else if (format === 'pdf') {
        res
          .type('application/pdf')
          .attachment(documentationFileName(doc, 'pdf'))
          .send(await renderPdf(doc));
      } else {
        res
          .set(
            'Content-Disposition',
            `inline; filename="${documentationFileName(doc, 'json')}"`,
          )
          .json(doc);
      }
    },
  );
}
