import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import {
  isAiModelResource,
  RELATION_HAS_SLA,
} from '@lab2live/plugin-ml-catalog-common';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import type {
  ModelCompliance,
  ModelStatusSummary,
  StatusSummaryResponse,
} from '@lab2live/plugin-ml-catalog-common';
import Tooltip from '@material-ui/core/Tooltip';
import { EntityRefOrMissing, RiskTierChip, StageChip } from '../shared';
import {
  ComplianceChip,
  DeploymentChips,
  SlaStatusChip,
  useCompliance,
  useStatusSummary,
} from '../status';
import { relationTargets, specString } from './relations';
import { tableOptions } from '../shared/tableOptions';

/** A model on another entity's page, with how it relates to that entity. */
export interface RelatedModel {
  entityRef: string;
  /** Undefined when the model is referenced but not in the catalog. */
  entity?: Entity;
  /** How the model relates to the page's entity, e.g. "serves" or "training". */
  relation: string;
  /** Extra detail for the relation column, e.g. the dataset version used. */
  detail?: string;
}

/** Facts about the rows from the Lab2Live backend, or why they are not there. */
interface Lookup<T> {
  byModel?: Map<string, T>;
  loading: boolean;
  error?: Error;
}

type StatusColumns = Lookup<ModelStatusSummary>;

function statusCell<T>(
  status: Lookup<T>,
  row: RelatedModel,
  render: (summary?: T) => ReactNode,
) {
  if (status.loading) return '…';
  if (status.error) {
    return (
      <Tooltip title={status.error.message}>
        <Typography variant="body2" color="textSecondary">
          unavailable
        </Typography>
      </Tooltip>
    );
  }
  return render(status.byModel?.get(row.entityRef.toLocaleLowerCase('en-US')));
}

/**
 * The model's owner, as a quiet line under its name; left out on the page of that
 * owner itself (a team's page would repeat its own name on every row).
 */
function OwnerLine(props: { entity?: Entity; pageRef?: string }) {
  const owner = specString(props.entity, 'owner');
  if (!owner) return null;
  let link: ReactNode = owner;
  try {
    const ownerRef = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: props.entity?.metadata.namespace ?? 'default',
    });
    if (
      props.pageRef &&
      stringifyEntityRef(ownerRef).toLocaleLowerCase('en-US') ===
        props.pageRef.toLocaleLowerCase('en-US')
    ) {
      return null;
    }
    link = <EntityRefLink entityRef={ownerRef} defaultKind="group" hideIcon />;
  } catch {
    // An owner that is no entity reference reads as written.
  }
  return (
    <Typography variant="body2" color="textSecondary" component="div">
      {link}
    </Typography>
  );
}

/**
 * Where the model runs and whether its SLAs hold, in one column: the chips say what
 * they are, and one column fewer lets the table fit a card beside the About card.
 */
const statusColumn = (status: StatusColumns): TableColumn<RelatedModel> => ({
  title: 'Deployments and SLAs',
  render: row => {
    const slas = row.entity
      ? relationTargets(row.entity, [RELATION_HAS_SLA])
      : [];
    return (
      <>
        {statusCell(status, row, summary => (
          <>
            {summary && summary.deployments.length > 0 ? (
              <DeploymentChips deployments={summary.deployments} />
            ) : (
              <Typography variant="body2" color="textSecondary">
                no deployment reported
              </Typography>
            )}
            <SlaStatusChip status={summary?.slaStatus} />
          </>
        ))}
        {slas.length > 0 && (
          <Typography variant="body2" component="div">
            <EntityRefLinks entityRefs={slas} defaultKind="sla" />
          </Typography>
        )}
      </>
    );
  },
});

/** Words wrap at spaces, never inside a word, so names stay readable. */
const CELL_STYLE = {
  padding: '6px 8px',
  wordBreak: 'normal',
  overflowWrap: 'normal',
} as const;

const columns = (
  status: StatusColumns,
  compliance: Lookup<ModelCompliance>,
  relationTitle?: string,
  pageRef?: string,
): TableColumn<RelatedModel>[] =>
  [
    {
      title: 'Model',
      highlight: true,
      cellStyle: { ...CELL_STYLE, minWidth: 140 },
      render: (row: RelatedModel) => (
        <>
          <EntityRefOrMissing
            entityRef={row.entityRef}
            entity={row.entity}
            defaultKind="mlmodel"
          />
          <OwnerLine entity={row.entity} pageRef={pageRef} />
        </>
      ),
    },
    ...(relationTitle
      ? [
          {
            title: relationTitle,
            render: (row: RelatedModel) => (
              <>
                {row.relation}
                {row.detail && (
                  <Typography variant="body2" color="textSecondary">
                    {row.detail}
                  </Typography>
                )}
              </>
            ),
          },
        ]
      : []),
    {
      title: 'Stage and risk',
      render: (row: RelatedModel) => {
        const stage = specString(row.entity, 'lifecycle');
        const showRisk = row.entity && !isAiModelResource(row.entity);
        return (
          <>
            {stage && <StageChip stage={stage} />}
            {showRisk && (
              <RiskTierChip
                tier={specString(row.entity, 'governance', 'riskTier')}
              />
            )}
          </>
        );
      },
    },
    statusColumn(status),
    {
      title: 'Compliance',
      render: (row: RelatedModel) =>
        !row.entity || isAiModelResource(row.entity)
          ? ''
          : statusCell(compliance, row, found => (
              <ComplianceChip status={found?.status} reasons={found?.reasons} />
            )),
    },
  ].map(column => ({
    headerStyle: { padding: '8px' },
    ...column,
    cellStyle: column.cellStyle ?? CELL_STYLE,
  }));

/** A read the page has made already, for the table to show. */
interface PageRead<T> {
  loading: boolean;
  error?: Error;
  value?: T;
}

/**
 * The models related to the page's entity, as a compact table with where each runs,
 * whether its SLAs hold and whether it is compliant (one read for all rows, unless the
 * page passes what it has read).
 */
export function RelatedModelsTable(props: {
  title: string;
  subtitle?: string;
  relationTitle?: string;
  rows: RelatedModel[];
  actions?: ReactNode;
  /** The rows' compliance when the page has read it already (one request per page). */
  compliance?: PageRead<Map<string, ModelCompliance>>;
  /** The rows' status when the page has read it already, likewise. */
  status?: PageRead<StatusSummaryResponse>;
  /** The page's own entity: a model it owns does not repeat it as its owner. */
  pageRef?: string;
}) {
  const refs = [...new Set(props.rows.map(row => row.entityRef))].sort();
  // An empty list asks nothing: the page's own read serves.
  const ownSummary = useStatusSummary(props.status ? [] : refs);
  const summary = props.status ?? ownSummary;
  const ownCompliance = useCompliance(props.compliance ? [] : refs);
  const compliance = props.compliance ?? ownCompliance;
  const status: StatusColumns = {
    loading: summary.loading,
    error: summary.error,
    byModel: new Map(summary.value?.items.map(item => [item.model, item])),
  };
  return (
    <Table<RelatedModel>
      title={props.title}
      subtitle={props.subtitle}
      columns={columns(
        status,
        {
          loading: compliance.loading,
          error: compliance.error,
          byModel: compliance.value,
        },
        props.relationTitle,
        props.pageRef,
      )}
      data={props.rows}
      // The table may shrink to its card and scroll inside it rather than spill out.
      style={{ minWidth: 0 }}
      options={{
        ...tableOptions,
        paging: props.rows.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
      }}
    />
  );
}
