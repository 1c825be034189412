import {
  pageFromSearchParams,
  queryFromSearchParams,
  searchParamsFromQuery,
  withFacet,
} from './urlState';

describe('URL state of the model catalog', () => {
  it('reads facets, search, ownership and sort from the URL', () => {
    const query = queryFromSearchParams(
      new URLSearchParams(
        'owner=group:default/a&owner=group:default/b&stage=production&q=churn&mine=true&sort=stage:desc&bogus=1',
      ),
    );
    expect(query).toEqual({
      facets: {
        owner: ['group:default/a', 'group:default/b'],
        stage: ['production'],
      },
      text: 'churn',
      mine: true,
      sort: { field: 'stage', direction: 'desc' },
    });
  });

  it('ignores a sort by an unknown column', () => {
    expect(
      queryFromSearchParams(new URLSearchParams('sort=password:asc')).sort,
    ).toBeUndefined();
  });

  it('writes what it reads', () => {
    const text =
      'owner=group%3Adefault%2Fa&risk=high&q=fraud+model&sort=title%3Aasc';
    const query = queryFromSearchParams(new URLSearchParams(text));
    expect(searchParamsFromQuery(query).toString()).toBe(text);
  });

  it('keeps the page 1-based in the URL and 0-based in the table', () => {
    const params = searchParamsFromQuery(
      { facets: {}, text: '', mine: false },
      2,
    );
    expect(params.get('page')).toBe('3');
    expect(pageFromSearchParams(params)).toBe(2);
    expect(pageFromSearchParams(new URLSearchParams('page=-4'))).toBe(0);
  });

  it('removes a facet when its selection is emptied', () => {
    const query = withFacet(
      { facets: { tag: ['llm'], stage: ['dev'] }, text: '', mine: false },
      'tag',
      [],
    );
    expect(query.facets).toEqual({ stage: ['dev'] });
  });
});
