import { Facet, FACETS, ModelQuery, SORT_FIELDS, SortField } from './modelRows';

/** Rows per page unless the URL says otherwise. */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * The page keeps its whole state in the URL (`?owner=..&stage=..&q=..&sort=stage:desc`)
 * so a shared link or a reload shows the same view. Facets repeat their parameter for
 * several values.
 */
export function queryFromSearchParams(params: URLSearchParams): ModelQuery {
  const facets: ModelQuery['facets'] = {};
  for (const facet of FACETS) {
    const values = params.getAll(facet).filter(Boolean);
    if (values.length > 0) {
      facets[facet] = [...new Set(values)];
    }
  }
  const [field, direction] = (params.get('sort') ?? '').split(':');
  const sort = (SORT_FIELDS as readonly string[]).includes(field)
    ? {
        field: field as SortField,
        direction: direction === 'desc' ? ('desc' as const) : ('asc' as const),
      }
    : undefined;
  return {
    facets,
    text: params.get('q') ?? '',
    mine: params.get('mine') === 'true',
    sort,
  };
}

/** The inverse of {@link queryFromSearchParams}, with the page and page size if given. */
export function searchParamsFromQuery(
  query: ModelQuery,
  page?: number,
  pageSize?: number,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const facet of FACETS) {
    for (const value of query.facets[facet] ?? []) {
      params.append(facet, value);
    }
  }
  if (query.text) {
    params.set('q', query.text);
  }
  if (query.mine) {
    params.set('mine', 'true');
  }
  if (query.sort) {
    params.set('sort', `${query.sort.field}:${query.sort.direction}`);
  }
  if (page && page > 0) {
    params.set('page', String(page + 1));
  }
  if (pageSize && pageSize !== DEFAULT_PAGE_SIZE) {
    params.set('size', String(pageSize));
  }
  return params;
}

/** The page size in the URL when it is one the table offers. */
export function pageSizeFromSearchParams(
  params: URLSearchParams,
  allowed: number[],
): number {
  const size = Number(params.get('size'));
  return allowed.includes(size) ? size : DEFAULT_PAGE_SIZE;
}

/** The zero-based page index of the URL's 1-based `page` parameter. */
export function pageFromSearchParams(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page > 1 ? page - 1 : 0;
}

/** Replaces one facet's selection, leaving the rest of the query unchanged. */
export function withFacet(
  query: ModelQuery,
  facet: Facet,
  values: string[],
): ModelQuery {
  const facets = { ...query.facets };
  if (values.length > 0) {
    facets[facet] = values;
  } else {
    delete facets[facet];
  }
  return { ...query, facets };
}
