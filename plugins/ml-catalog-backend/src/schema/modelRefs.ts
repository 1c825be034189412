/**
 * The body of the `by-refs` reads: the models to read, named in the body because a
 * team's or a service's list of models outgrows a query string.
 */
export const modelRefsBody = {
  required: true,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['models'],
        additionalProperties: false,
        properties: {
          models: {
            type: 'array',
            maxItems: 500,
            items: { type: 'string', minLength: 1, maxLength: 255 },
          },
        },
      },
    },
  },
} as const;
