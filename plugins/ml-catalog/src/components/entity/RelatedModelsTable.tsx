import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import {
  isAiModelResource,
  RELATION_HAS_SLA,
} from '@lab2live/plugin-ml-catalog-common';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { EntityRefOrMissing, RiskTierChip, StageChip } from '../shared';
import { relationTargets, specString } from './relations';

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

const columns = (relationTitle?: string): TableColumn<RelatedModel>[] => [
  {
    title: 'Model',
    highlight: true,
    render: row => (
      <EntityRefOrMissing
        entityRef={row.entityRef}
        entity={row.entity}
        defaultKind="mlmodel"
      />
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
    title: 'Stage',
    render: row => {
      const stage = specString(row.entity, 'lifecycle');
      return stage ? <StageChip stage={stage} /> : '';
    },
  },
  {
    title: 'Risk tier',
    render: row =>
      !row.entity || isAiModelResource(row.entity) ? (
        ''
      ) : (
        <RiskTierChip tier={specString(row.entity, 'governance', 'riskTier')} />
      ),
  },
  {
    title: 'SLAs',
    render: row => {
      const slas = row.entity
        ? relationTargets(row.entity, [RELATION_HAS_SLA])
        : [];
      return slas.length > 0 ? (
        <EntityRefLinks entityRefs={slas} defaultKind="sla" />
      ) : (
        <Typography variant="body2" color="textSecondary">
          none
        </Typography>
      );
    },
  },
  {
    title: 'Owner',
    render: row => {
      const owner = specString(row.entity, 'owner');
      if (!owner) return '';
      try {
        return (
          <EntityRefLink
            entityRef={parseEntityRef(owner, {
              defaultKind: 'group',
              defaultNamespace: row.entity?.metadata.namespace ?? 'default',
            })}
            defaultKind="group"
          />
        );
      } catch {
        return owner;
      }
    },
  },
];

/** The models related to the page's entity, as a compact table. */
export function RelatedModelsTable(props: {
  title: string;
  subtitle?: string;
  relationTitle?: string;
  rows: RelatedModel[];
  actions?: ReactNode;
}) {
  return (
    <Table<RelatedModel>
      title={props.title}
      subtitle={props.subtitle}
      columns={columns(props.relationTitle)}
      data={props.rows}
      options={{
        paging: props.rows.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
      }}
    />
  );
}
