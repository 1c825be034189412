import {
  CodeSnippet,
  Content,
  ContentHeader,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
  WarningPanel,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import SearchIcon from '@material-ui/icons/Search';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import useDebounce from 'react-use/esm/useDebounce';
import { useLifecycleStages } from '../shared';
import { FacetPanel } from './FacetPanel';
import {
  countFacets,
  filterModelRows,
  ModelQuery,
  sortModelRows,
  withCompliance,
  withStatus,
} from './modelRows';
import { ModelTable, PAGE_SIZES } from './ModelTable';
import {
  pageFromSearchParams,
  pageSizeFromSearchParams,
  queryFromSearchParams,
  searchParamsFromQuery,
  withFacet,
} from './urlState';
import { useModelRows } from './useModelRows';

const EXAMPLE_MODEL = `apiVersion: lab2live.io/v1alpha1
kind: MLModel
metadata:
  name: churn-predictor
  title: Customer churn predictor
spec:
  type: classification
  owner: group:data-science
  lifecycle: experimental
  datasets:
    - ref: dataset:customer-events
      role: training`;

function NoModelsYet() {
  return (
    <EmptyState
      missing="data"
      title="No machine-learning models in the catalog yet"
      description={
        <>
          <Typography paragraph>
            Describe a model in a catalog-info.yaml file next to its code and
            register it in the catalog, or create one with the "New ML model"
            template on the Create page. Models described as Resources of type
            ai-model are listed here too.
          </Typography>
          <CodeSnippet language="yaml" text={EXAMPLE_MODEL} />
        </>
      }
    />
  );
}

/** The search box; the table follows each keystroke, the URL follows when typing pauses. */
function SearchField(props: {
  value: string;
  onChange: (text: string) => void;
}) {
  return (
    <TextField
      fullWidth
      variant="outlined"
      size="small"
      placeholder="Search name, title, description and tags"
      inputProps={{ 'aria-label': 'Search models' }}
      value={props.value}
      onChange={event => props.onChange(event.target.value)}
      InputProps={{
        startAdornment: (
          <InputAdornment position="start">
            <SearchIcon />
          </InputAdornment>
        ),
      }}
    />
  );
}

/** What the page shows: the query, and which page of the result. */
interface View {
  query: ModelQuery;
  page: number;
  pageSize: number;
}

function viewFromSearch(search: string): View {
  const params = new URLSearchParams(search);
  return {
    query: queryFromSearchParams(params),
    page: pageFromSearchParams(params),
    pageSize: pageSizeFromSearchParams(params, PAGE_SIZES),
  };
}

function searchFromView(view: View): string {
  const params = searchParamsFromQuery(view.query, view.page, view.pageSize);
  const search = params.toString();
  return search ? `?${search}` : '';
}

function isDefaultView(view: View): boolean {
  const { query, page } = view;
  return (
    Object.keys(query.facets).length === 0 &&
    !query.text &&
    !query.mine &&
    !query.sort &&
    page === 0
  );
}

/**
 * The view lives in React state, so a keystroke or a facet change re-renders only this
 * page, and is mirrored into the URL (replacing the history entry, without a router
 * navigation) once the user pauses: a link or a reload shows the same view. A real
 * navigation to the page (a link, the back button) resets the view from its URL.
 */
function useView(): [View, (view: View) => void] {
  const location = useLocation();
  const [view, setView] = useState(() => viewFromSearch(location.search));
  const seenKey = useRef(location.key);
  useEffect(() => {
    if (location.key !== seenKey.current) {
      seenKey.current = location.key;
      setView(viewFromSearch(location.search));
    }
  }, [location.key, location.search]);
  useDebounce(
    () => {
      const search = searchFromView(view);
      if (window.location.search !== search) {
        window.history.replaceState(
          window.history.state,
          '',
          `${window.location.pathname}${search}${window.location.hash}`,
        );
      }
    },
    300,
    [view],
  );
  return [view, setView];
}

/**
 * The model catalog: every MLModel and ai-model Resource with facet filters, search
 * and sorting, all kept in the URL. Rendered inside the app's page frame; see
 * {@link ModelCatalogPage} for a page with its own header.
 */
export function ModelCatalogContent() {
  const [view, setView] = useView();
  const [startedWithDefaultView] = useState(() => isDefaultView(view));
  const {
    rows: catalogRows,
    firstPage: catalogFirstPage,
    ownershipRefs,
    loading,
    error,
    status,
    statusError,
    compliance,
    complianceError,
  } = useModelRows(startedWithDefaultView ? view.pageSize : undefined);
  const rows = useMemo(
    () =>
      catalogRows &&
      withCompliance(withStatus(catalogRows, status), compliance),
    [catalogRows, status, compliance],
  );
  const firstPage = useMemo(
    () =>
      catalogFirstPage &&
      withCompliance(withStatus(catalogFirstPage, status), compliance),
    [catalogFirstPage, status, compliance],
  );
  const stages = useLifecycleStages();
  const { query, page, pageSize } = view;
  const setQuery = (next: ModelQuery) =>
    setView({ query: next, page: 0, pageSize });

  const filtered = useMemo(
    () =>
      rows
        ? sortModelRows(
            filterModelRows(rows, query, ownershipRefs),
            query.sort,
            stages,
          )
        : undefined,
    [rows, ownershipRefs, query, stages],
  );
  // The rows follow a change at once; the facet counts, which pass over every model,
  // follow in a second render that React may interrupt (a keystroke comes first).
  const countedQuery = useDeferredValue(query);
  const counts = useMemo(
    () => (rows ? countFacets(rows, countedQuery, ownershipRefs) : undefined),
    [rows, ownershipRefs, countedQuery],
  );
  const pageRows = filtered
    ? filtered.slice(page * pageSize, (page + 1) * pageSize)
    : firstPage;

  let body;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (rows && rows.length === 0) {
    body = <NoModelsYet />;
  } else if (!pageRows || (!rows && !isDefaultView(view))) {
    body = loading ? <Progress /> : <NoModelsYet />;
  } else {
    body = (
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <SearchField
            value={query.text}
            onChange={text => setQuery({ ...query, text })}
          />
        </Grid>
        <Grid item xs={12}>
          {counts ? (
            <FacetPanel
              query={query}
              counts={counts}
              onFacetChange={(facet, values) =>
                setQuery(withFacet(query, facet, values))
              }
              onMineChange={mine => setQuery({ ...query, mine })}
            />
          ) : (
            <Progress />
          )}
        </Grid>
        {complianceError && (
          <Grid item xs={12}>
            <WarningPanel
              severity="info"
              title="Compliance unavailable"
              message={complianceError.message}
            />
          </Grid>
        )}
        {statusError && (
          <Grid item xs={12}>
            <WarningPanel
              severity="info"
              title="Deployment and SLA status unavailable"
              message={statusError.message}
            />
          </Grid>
        )}
        <Grid item xs={12}>
          <ModelTable
            rows={pageRows}
            matching={filtered?.length}
            total={rows?.length}
            sort={query.sort}
            page={page}
            pageSize={pageSize}
            onSortChange={sort => setQuery({ ...query, sort })}
            onPageChange={(next, size) =>
              setView({ query, page: next, pageSize: size })
            }
            onClearFilters={() =>
              setQuery({ facets: {}, text: '', mine: false, sort: query.sort })
            }
          />
        </Grid>
      </Grid>
    );
  }

  return (
    <Content>
      <ContentHeader title="Machine-learning models">
        <SupportButton>
          Every MLModel in the catalog and every Resource of type ai-model.
          Filters, search and sorting are kept in the address, so a link shows
          the same view.
        </SupportButton>
      </ContentHeader>
      {body}
    </Content>
  );
}

/**
 * The model catalog as a full page with its own header, for apps on the legacy
 * frontend system.
 */
export function ModelCatalogPage() {
  return (
    <Page themeId="tool">
      <Header
        title="ML Models"
        subtitle="Models, their owners, datasets, SLAs and the services that run them"
      />
      <ModelCatalogContent />
    </Page>
  );
}
