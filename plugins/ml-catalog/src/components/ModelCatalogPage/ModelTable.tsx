import { parseEntityRef } from '@backstage/catalog-model';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import TablePagination from '@material-ui/core/TablePagination';
import Typography from '@material-ui/core/Typography';
import { MODEL_SOURCE_TITLES } from '@lab2live/plugin-ml-catalog-common';
import { RiskTierChip, StageChip, WebLink } from '../shared';
import {
  ComplianceChip,
  DeploymentChips,
  SlaStatusChip,
  ToneChip,
} from '../status';
import { ModelQuery, ModelRow, SORT_FIELDS, SortField } from './modelRows';

/** The path of an entity's page, from its full reference. */
type EntityPath = (entityRef: string) => string;

/**
 * A plain link to an entity page, named by its reference. The table renders hundreds
 * of these on every change; EntityRefLink's per-link route resolution, title lookup
 * and tooltip cost more than the rest of the table together.
 */
function RefLink(props: {
  entityRef: string;
  defaultKind: string;
  path: EntityPath;
}) {
  const ref = parseEntityRef(props.entityRef);
  return (
    <Link to={props.path(props.entityRef)}>
      {humanizeEntityRef(ref, { defaultKind: props.defaultKind })}
    </Link>
  );
}

function refLinks(refs: string[], defaultKind: string, path: EntityPath) {
  return refs.length === 0 ? (
    <Typography variant="body2" color="textSecondary">
      none
    </Typography>
  ) : (
    <>
      {refs.map(ref => (
        <div key={ref}>
          <RefLink entityRef={ref} defaultKind={defaultKind} path={path} />
        </div>
      ))}
    </>
  );
}

function modelColumn(path: EntityPath): TableColumn<ModelRow> {
  return {
    title: 'Model',
    field: 'title',
    highlight: true,
    cellStyle: { minWidth: 180, padding: '6px 8px' },
    render: row => (
      <Box>
        <Link to={path(row.entityRef)}>{row.title}</Link>
        <Typography variant="body2" color="textSecondary">
          {row.name}
          {row.readOnly && (
            <Box component="span" ml={1}>
              <ToneChip
                tone="off"
                label="read-only"
                help="Described as a Backstage Resource of type ai-model: listed here, edited where it is defined"
              />
            </Box>
          )}
        </Typography>
        <Box mt={0.5}>
          {row.tags.map(tag => (
            <Chip key={tag} size="small" label={tag} style={{ margin: 2 }} />
          ))}
        </Box>
      </Box>
    ),
  };
}

/** The table's columns; `field` names the sort field a header click sorts by. */
function columns(path: EntityPath): TableColumn<ModelRow>[] {
  return [
    modelColumn(path),
    {
      title: 'Owner / system',
      field: 'owner',
      render: row => (
        <>
          {row.owner ? (
            <RefLink entityRef={row.owner} defaultKind="group" path={path} />
          ) : (
            'no owner'
          )}
          {row.system && (
            <Typography variant="body2" color="textSecondary">
              <RefLink
                entityRef={row.system}
                defaultKind="system"
                path={path}
              />
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Type',
      field: 'type',
      render: row => (
        <>
          {row.type}
          {row.framework && (
            <Typography variant="body2" color="textSecondary">
              {row.framework}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Source',
      sorting: false,
      render: row =>
        row.registryUrl ? (
          <WebLink to={row.registryUrl}>
            {MODEL_SOURCE_TITLES[row.origin]}
          </WebLink>
        ) : (
          MODEL_SOURCE_TITLES[row.origin]
        ),
    },
    {
      title: 'Stage',
      field: 'stage',
      render: row => <StageChip stage={row.stage} />,
    },
    {
      title: 'Risk tier',
      field: 'risk',
      render: row => (row.readOnly ? '' : <RiskTierChip tier={row.riskTier} />),
    },
    {
      title: 'Deployments',
      sorting: false,
      render: row =>
        row.deployments && row.deployments.length > 0 ? (
          <DeploymentChips deployments={row.deployments} />
        ) : (
          <Typography variant="body2" color="textSecondary">
            none reported
          </Typography>
        ),
    },
    {
      title: 'SLA',
      field: 'sla',
      render: row =>
        row.readOnly && !row.slaStatus ? (
          ''
        ) : (
          <SlaStatusChip status={row.slaStatus} prefix="" />
        ),
    },
    {
      title: 'Compliance',
      field: 'compliance',
      render: row =>
        row.readOnly ? (
          ''
        ) : (
          <ComplianceChip
            status={row.compliance?.status}
            reasons={row.compliance?.reasons}
          />
        ),
    },
    {
      title: 'Datasets',
      sorting: false,
      render: row => refLinks(row.datasets, 'dataset', path),
    },
    {
      title: 'SLAs',
      sorting: false,
      render: row => refLinks(row.slas, 'sla', path),
    },
    {
      title: 'Served by',
      sorting: false,
      render: row => refLinks(row.servers, 'component', path),
    },
  ];
}

/** Page sizes the table offers. */
export const PAGE_SIZES = [20, 50, 100];

/**
 * The model table. It gets only the rows of the current page: filtering, sorting
 * (kept in the URL) and paging happen in the page, so ten thousand models cost the
 * table no more than twenty.
 */
export function ModelTable(props: {
  rows: ModelRow[];
  /** Models that pass the filters, and all models; undefined while still loading. */
  matching?: number;
  total?: number;
  sort: ModelQuery['sort'];
  page: number;
  pageSize: number;
  onSortChange: (sort: ModelQuery['sort']) => void;
  onPageChange: (page: number, pageSize: number) => void;
  onClearFilters: () => void;
}) {
  const { rows, matching, total, sort, page, pageSize } = props;
  const entityRoute = useRouteRef(entityRouteRef);
  // New column objects make the table start over, so they change only with the sort.
  const cols = useMemo(() => {
    const path: EntityPath = ref => {
      const { kind, namespace, name } = parseEntityRef(ref);
      return entityRoute({ kind, namespace, name });
    };
    return columns(path).map(column => ({
      cellStyle: { padding: '6px 8px', wordBreak: 'normal' as const },
      headerStyle: { padding: '6px 8px' },
      ...column,
      defaultSort:
        sort && column.field === sort.field ? sort.direction : undefined,
      // Rows come sorted; the table must not sort them a second time.
      customSort: () => 0,
    }));
  }, [entityRoute, sort]);
  let title = 'Models';
  if (matching !== undefined && total !== undefined) {
    title = `Models (${matching}${matching === total ? '' : ` of ${total}`})`;
  }
  return (
    <>
      <Table<ModelRow>
        title={title}
        subtitle={total === undefined ? 'Loading every model…' : undefined}
        columns={cols}
        data={rows}
        onOrderChange={(orderBy: number, direction: 'asc' | 'desc') => {
          const field = cols[orderBy]?.field as string | undefined;
          props.onSortChange(
            field && (SORT_FIELDS as readonly string[]).includes(field)
              ? { field: field as SortField, direction }
              : undefined,
          );
        }}
        options={{
          search: false,
          paging: false,
          padding: 'dense',
          thirdSortClick: false,
        }}
        emptyContent={
          <Box p={4} textAlign="center">
            <Typography variant="body1" gutterBottom>
              No models match these filters.
            </Typography>
            <Button variant="outlined" onClick={props.onClearFilters}>
              Clear filters
            </Button>
          </Box>
        }
      />
      {matching !== undefined && matching > 0 && (
        <TablePagination
          component="div"
          count={matching}
          page={page}
          rowsPerPage={pageSize}
          rowsPerPageOptions={PAGE_SIZES}
          onPageChange={(_event, next) => props.onPageChange(next, pageSize)}
          onRowsPerPageChange={event =>
            props.onPageChange(0, Number(event.target.value))
          }
        />
      )}
    </>
  );
}
