import { parseEntityRef } from '@backstage/catalog-model';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { createContext, ReactNode, useContext, useMemo } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TablePagination from '@material-ui/core/TablePagination';
import Typography from '@material-ui/core/Typography';
import { MODEL_SOURCE_TITLES } from '@lab2live/plugin-ml-catalog-common';
import { RiskTierChip, StageChip, WebLink } from '../shared';
import { tableOptions } from '../shared/tableOptions';
import {
  ComplianceChip,
  DeploymentChips,
  SlaStatusChip,
  ToneChip,
} from '../status';
import { ColumnChoice, ColumnOption, useColumnChoice } from './columnChoice';
import { ColumnsControl } from './ColumnsControl';
import { ModelQuery, ModelRow, SORT_FIELDS, SortField } from './modelRows';
import { TagChips } from './TagChips';

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
        <TagChips tags={row.tags} />
      </Box>
    ),
  };
}

/**
 * The columns a person may choose, in the table's order. The default set fits a
 * 1440 px wide window beside the sidebar; the lists of related entities are a click
 * away in the Columns control.
 */
export const MODEL_COLUMNS: ColumnOption[] = [
  { id: 'model', title: 'Model', shownByDefault: true, required: true },
  { id: 'owner', title: 'Owner / system', shownByDefault: true },
  { id: 'type', title: 'Type', shownByDefault: true },
  { id: 'source', title: 'Source', shownByDefault: false },
  { id: 'stage', title: 'Stage', shownByDefault: true },
  { id: 'risk', title: 'Risk tier', shownByDefault: true },
  { id: 'deployments', title: 'Deployments', shownByDefault: true },
  { id: 'sla', title: 'SLA', shownByDefault: true },
  { id: 'compliance', title: 'Compliance', shownByDefault: true },
  { id: 'datasets', title: 'Datasets', shownByDefault: false },
  { id: 'slas', title: 'SLAs', shownByDefault: false },
  { id: 'servers', title: 'Served by', shownByDefault: false },
];

/** Each column's cells; `field` names the sort field a header click sorts by. */
function columnCells(
  path: EntityPath,
): Record<string, Omit<TableColumn<ModelRow>, 'title'>> {
  return {
    model: modelColumn(path),
    owner: {
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
    type: {
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
    source: {
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
    stage: {
      field: 'stage',
      render: row => <StageChip stage={row.stage} />,
    },
    risk: {
      field: 'risk',
      render: row => (row.readOnly ? '' : <RiskTierChip tier={row.riskTier} />),
    },
    deployments: {
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
    sla: {
      field: 'sla',
      render: row =>
        row.readOnly && !row.slaStatus ? (
          ''
        ) : (
          <SlaStatusChip status={row.slaStatus} prefix="" />
        ),
    },
    compliance: {
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
    datasets: {
      sorting: false,
      render: row => refLinks(row.datasets, 'dataset', path),
    },
    slas: {
      sorting: false,
      render: row => refLinks(row.slas, 'sla', path),
    },
    servers: {
      sorting: false,
      render: row => refLinks(row.servers, 'component', path),
    },
  };
}

/**
 * The column choice reaches the toolbar through context, so the toolbar component
 * keeps its identity (and its open popover) while the choice changes.
 */
const ColumnChoiceContext = createContext<ColumnChoice | undefined>(undefined);

/** The table's title, with the Columns control on the right. */
function ModelTableToolbar(props: { title?: ReactNode }) {
  const choice = useContext(ColumnChoiceContext);
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="space-between"
      flexWrap="wrap"
      pt={3}
      pb={2.5}
      pl={2.5}
      pr={2}
    >
      <div>{props.title}</div>
      {choice && <ColumnsControl choice={choice} />}
    </Box>
  );
}

const TABLE_COMPONENTS = { Toolbar: ModelTableToolbar };

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
  const choice = useColumnChoice(MODEL_COLUMNS);
  const { shown } = choice;
  // New column objects make the table start over, so they change only with the sort
  // and the columns shown.
  const cols = useMemo(() => {
    const path: EntityPath = ref => {
      const { kind, namespace, name } = parseEntityRef(ref);
      return entityRoute({ kind, namespace, name });
    };
    const cells = columnCells(path);
    return MODEL_COLUMNS.filter(option => shown.includes(option.id)).map(
      (option): TableColumn<ModelRow> => {
        const column = cells[option.id];
        return {
          cellStyle: { padding: '6px 8px', wordBreak: 'normal' as const },
          headerStyle: { padding: '6px 8px' },
          ...column,
          title: option.title,
          defaultSort:
            sort && column.field === sort.field ? sort.direction : undefined,
          // Rows come sorted; the table must not sort them a second time.
          customSort: () => 0,
        };
      },
    );
  }, [entityRoute, sort, shown]);
  let title = 'Models';
  if (matching !== undefined && total !== undefined) {
    title = `Models (${matching}${matching === total ? '' : ` of ${total}`})`;
  }
  return (
    <ColumnChoiceContext.Provider value={choice}>
      <Table<ModelRow>
        title={title}
        subtitle={total === undefined ? 'Loading every model…' : undefined}
        columns={cols}
        data={rows}
        components={TABLE_COMPONENTS}
        onOrderChange={(orderBy: number, direction: 'asc' | 'desc') => {
          const field = cols[orderBy]?.field as string | undefined;
          props.onSortChange(
            field && (SORT_FIELDS as readonly string[]).includes(field)
              ? { field: field as SortField, direction }
              : undefined,
          );
        }}
        options={{
          // No header dragging either: the Columns control sets the columns.
          ...tableOptions,
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
    </ColumnChoiceContext.Provider>
  );
}
