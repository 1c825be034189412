const errorResponse = { $ref: '#/components/responses/Error' } as const;

const attachment = {
  'Content-Disposition': {
    description:
      'The file name: annex-iv-<model>-v<version>-<date>.<md|pdf|json>.',
    schema: { type: 'string' },
  },
} as const;

const fact = {
  type: 'object',
  required: ['label'],
  properties: {
    label: { type: 'string' },
    value: { type: 'string' },
    missing: {
      type: 'string',
      description: 'Missing: <what> (record it in <where>)',
    },
  },
} as const;

/** The schema of the pack (`TechnicalDocumentation` in the common package). */
export const documentationSchemas = {
  TechnicalDocumentation: {
    type: 'object',
    required: [
      'model',
      'title',
      'basis',
      'generatedAt',
      'auditChain',
      'sections',
    ],
    properties: {
      model: { type: 'string' },
      title: { type: 'string' },
      version: { type: 'string' },
      riskTier: { type: 'string' },
      basis: { type: 'string' },
      generatedAt: { type: 'string', format: 'date-time' },
      auditChain: {
        type: 'object',
        required: ['head', 'entries'],
        properties: {
          head: { type: 'string', nullable: true },
          entries: { type: 'integer' },
        },
      },
      sections: {
        type: 'array',
        items: {
          type: 'object',
          required: [
            'number',
            'title',
            'asks',
            'completeness',
            'blocks',
            'missing',
          ],
          properties: {
            number: { type: 'integer', minimum: 1, maximum: 9 },
            title: { type: 'string' },
            asks: { type: 'string' },
            completeness: {
              type: 'string',
              enum: ['complete', 'partial', 'missing'],
            },
            missing: { type: 'array', items: { type: 'string' } },
            blocks: {
              type: 'array',
              items: {
                type: 'object',
                required: ['type'],
                properties: {
                  type: { type: 'string', enum: ['facts', 'table', 'text'] },
                  title: { type: 'string' },
                  facts: { type: 'array', items: fact },
                  columns: { type: 'array', items: { type: 'string' } },
                  rows: {
                    type: 'array',
                    items: { type: 'array', items: { type: 'string' } },
                  },
                  missing: { type: 'string' },
                  text: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** `GET /models/{kind}/{namespace}/{name}/documentation`. */
export const documentationPaths = {
  '/models/{kind}/{namespace}/{name}/documentation': {
    get: {
      operationId: 'GetModelDocumentation',
      description:
        "The model's technical documentation, section by section of Annex IV of Regulation (EU) 2024/1689, from the catalog and Lab2Live's records, with each section's completeness and every gap named. Needs lab2live.review.read and a model the caller may see.",
      parameters: [
        { $ref: '#/components/parameters/kind' },
        { $ref: '#/components/parameters/namespace' },
        { $ref: '#/components/parameters/name' },
        {
          name: 'format',
          in: 'query',
          required: false,
          description: 'json (the default), md (Markdown) or pdf.',
          schema: { type: 'string', enum: ['json', 'md', 'pdf'] },
        },
      ],
      responses: {
        '200': {
          description: 'The pack.',
          headers: attachment,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/TechnicalDocumentation' },
            },
            'text/markdown': { schema: { type: 'string' } },
            'application/pdf': {
              schema: { type: 'string', format: 'binary' },
            },
          },
        },
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
        '404': errorResponse,
      },
    },
  },
} as const;
