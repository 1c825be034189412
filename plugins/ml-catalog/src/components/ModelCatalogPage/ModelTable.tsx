import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { memo, ReactNode, useId, useMemo } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { MODEL_SOURCE_TITLES } from '@lab2live/plugin-ml-catalog-common';
import { RiskTierChip, StageChip, WebLink } from '../shared';
import {
  ComplianceChip,
  DeploymentChips,
  SlaStatusChip,
  ToneChip,
} from '../status';
import { ColumnOption, useColumnChoice } from './columnChoice';
import { ColumnsControl } from './ColumnsControl';
import { ModelQuery, ModelRow, SortField } from './modelRows';
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

/** How one column draws its cells, and the field its header sorts by, if any. */
interface ColumnCells {
  sortField?: SortField;
  /** The column that names the row: its text is bold, as in Backstage tables. */
  highlight?: boolean;
  minWidth?: number;
  render: (row: ModelRow) => ReactNode;
}

/** Each column's cells. */
function columnCells(
  path: EntityPath,
  readOnlyClass: string,
): Record<string, ColumnCells> {
  return {
    model: {
      sortField: 'title',
      highlight: true,
      minWidth: 180,
      render: row => (
        <>
          <Link to={path(row.entityRef)}>{row.title}</Link>
          <Typography variant="body2" color="textSecondary">
            {row.name}
            {row.readOnly && (
              <span className={readOnlyClass}>
                <ToneChip
                  tone="off"
                  label="read-only"
                  help="Described as a Backstage Resource of type ai-model: listed here, edited where it is defined"
                />
              </span>
            )}
          </Typography>
          {/* Rows are kept by position: a new model starts with its tags folded. */}
          <TagChips key={row.entityRef} tags={row.tags} />
        </>
      ),
    },
    owner: {
      sortField: 'owner',
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
      sortField: 'type',
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
      sortField: 'stage',
      render: row => <StageChip stage={row.stage} />,
    },
    risk: {
      sortField: 'risk',
      render: row => (row.readOnly ? '' : <RiskTierChip tier={row.riskTier} />),
    },
    deployments: {
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
      sortField: 'sla',
      render: row =>
        row.readOnly && !row.slaStatus ? (
          ''
        ) : (
          <SlaStatusChip status={row.slaStatus} prefix="" />
        ),
    },
    compliance: {
      sortField: 'compliance',
      render: row =>
        row.readOnly ? (
          ''
        ) : (
          // The reasons show on hover and on keyboard focus, and are the chip's
          // description for screen readers.
          <ComplianceChip
            status={row.compliance?.status}
            reasons={row.compliance?.reasons}
          />
        ),
    },
    datasets: { render: row => refLinks(row.datasets, 'dataset', path) },
    slas: { render: row => refLinks(row.slas, 'sla', path) },
    servers: { render: row => refLinks(row.servers, 'component', path) },
  };
}

/** A shown column: its option and its cells. */
type Column = ColumnOption & ColumnCells;

// The look of Backstage's core-components Table (its header, toolbar and dense
// cells), drawn with Material UI's table parts: the page draws only the current
// page's rows, once each.
const useStyles = makeStyles(
  (theme: Theme) => {
    // A number in Backstage's themes; typed as any CSS font weight.
    const bold = theme.typography.fontWeightBold as number;
    return {
      toolbar: {
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        flexWrap: 'wrap',
        gap: theme.spacing(1),
        padding: theme.spacing(3, 2, 2.5, 2.5),
      },
      title: { fontWeight: bold },
      scroller: { overflowX: 'auto' },
      header: {
        padding: '6px 8px',
        borderTop: `1px solid ${theme.palette.grey.A100}`,
        borderBottom: `1px solid ${theme.palette.grey.A100}`,
        fontWeight: bold,
        textTransform: 'uppercase',
        wordBreak: 'normal',
        verticalAlign: 'bottom',
      },
      cell: {
        padding: '6px 8px',
        wordBreak: 'normal',
        verticalAlign: 'middle',
      },
      highlight: { fontWeight: bold },
      readOnly: { marginLeft: theme.spacing(1) },
    };
  },
  { name: 'Lab2LiveModelTable' },
);

/**
 * One row. Drawn again only when its row object or the columns change: the page
 * keeps unchanged rows' objects, so a re-render of the page redraws no cell.
 */
const ModelTableRow = memo(function ModelTableRowUnmemoized(props: {
  row: ModelRow;
  columns: Column[];
  cellClass: string;
  highlightClass: string;
}) {
  const { row, columns, cellClass, highlightClass } = props;
  return (
    <TableRow>
      {columns.map(column => (
        <TableCell
          key={column.id}
          className={
            column.highlight ? `${cellClass} ${highlightClass}` : cellClass
          }
          style={column.minWidth ? { minWidth: column.minWidth } : undefined}
        >
          {column.render(row)}
        </TableCell>
      ))}
    </TableRow>
  );
});

/** A header: a sort button when the column sorts, with `aria-sort` on the sorted one. */
function HeaderCell(props: {
  column: Column;
  sort: ModelQuery['sort'];
  className: string;
  onSortChange: (sort: ModelQuery['sort']) => void;
}) {
  const { column, sort, className, onSortChange } = props;
  const field = column.sortField;
  const active = field !== undefined && sort?.field === field;
  return (
    <TableCell
      className={className}
      // Sets aria-sort on the sorted column's header.
      sortDirection={active ? sort!.direction : false}
    >
      {field ? (
        <TableSortLabel
          active={active}
          direction={active ? sort!.direction : 'asc'}
          // A first press sorts ascending, the next ones turn the order round.
          onClick={() =>
            onSortChange({
              field,
              direction: active && sort!.direction === 'asc' ? 'desc' : 'asc',
            })
          }
        >
          {column.title}
        </TableSortLabel>
      ) : (
        column.title
      )}
    </TableCell>
  );
}

/** Page sizes the table offers. */
export const PAGE_SIZES = [20, 50, 100];

/**
 * The model table. It gets only the rows of the current page: filtering, sorting
 * (kept in the URL) and paging happen in the page, so ten thousand models cost the
 * table no more than twenty. A plain Material UI table rather than core-components'
 * `Table`: material-table redraws every row twice after each change of its data and
 * runs its own sorting and paging over rows that come sorted and paged.
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
  const classes = useStyles();
  const readOnlyClass = classes.readOnly;
  const titleId = useId();
  const entityRoute = useRouteRef(entityRouteRef);
  const choice = useColumnChoice(MODEL_COLUMNS);
  const { shown } = choice;
  const columns = useMemo(() => {
    const path: EntityPath = ref => {
      const { kind, namespace, name } = parseEntityRef(ref);
      return entityRoute({ kind, namespace, name });
    };
    const cells = columnCells(path, readOnlyClass);
    return MODEL_COLUMNS.filter(option => shown.includes(option.id)).map(
      (option): Column => ({ ...option, ...cells[option.id] }),
    );
  }, [entityRoute, shown, readOnlyClass]);
  let title = 'Models';
  if (matching !== undefined && total !== undefined) {
    title = `Models (${matching}${matching === total ? '' : ` of ${total}`})`;
  }
  return (
    <Paper elevation={2}>
      <div className={classes.toolbar}>
        <div>
          <Typography
            variant="h5"
            component="h2"
            id={titleId}
            className={classes.title}
          >
            {title}
          </Typography>
          {total === undefined && (
            <Typography color="textSecondary" variant="body1">
              Loading every model…
            </Typography>
          )}
        </div>
        <ColumnsControl choice={choice} />
      </div>
      <div className={classes.scroller}>
        <Table size="small" aria-labelledby={titleId}>
          <TableHead>
            <TableRow>
              {columns.map(column => (
                <HeaderCell
                  key={column.id}
                  column={column}
                  sort={sort}
                  className={classes.header}
                  onSortChange={props.onSortChange}
                />
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.length === 0 ? (
              <TableRow>
                <TableCell colSpan={columns.length}>
                  <Box p={4} textAlign="center">
                    <Typography variant="body1" gutterBottom>
                      No models match these filters.
                    </Typography>
                    <Button variant="outlined" onClick={props.onClearFilters}>
                      Clear filters
                    </Button>
                  </Box>
                </TableCell>
              </TableRow>
            ) : (
              // Keyed by position: a facet change or a new page updates the rows
              // in place instead of taking twenty down and building twenty anew.
              rows.map((row, position) => (
                <ModelTableRow
                  key={position}
                  row={row}
                  columns={columns}
                  cellClass={classes.cell}
                  highlightClass={classes.highlight}
                />
              ))
            )}
          </TableBody>
        </Table>
      </div>
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
    </Paper>
  );
}
