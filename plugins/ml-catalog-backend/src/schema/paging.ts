/** The query parameters of every paged list: a page size and the cursor of the next page. */
export const pageParameters = [
  {
    name: 'limit',
    in: 'query',
    required: false,
    description: 'Items per page, at most 500.',
    schema: { type: 'integer', minimum: 1, maximum: 500 },
  },
  {
    name: 'cursor',
    in: 'query',
    required: false,
    description: 'nextCursor of the previous page.',
    schema: { type: 'string', minLength: 1, maxLength: 500 },
  },
] as const;
