import {
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, useEntity } from '@backstage/plugin-catalog-react';
import { RISK_TIERS } from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { useLifecycleStages } from '../shared';
import { useCompliance } from '../status';
import { AsyncCard, CardEmptyState } from './CardStates';
import { MODEL_FIELDS, relationTargets, specString } from './relations';
import { RelatedModelsTable } from './RelatedModelsTable';

function Counts(props: { label: string; counts: Array<[string, number]> }) {
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" mb={1}>
      <Typography variant="body2" component="span" style={{ marginRight: 8 }}>
        {props.label}:
      </Typography>
      {props.counts.map(([value, count]) => (
        <Chip
          key={value}
          size="small"
          variant="outlined"
          label={`${value}: ${count}`}
          style={{ margin: 2 }}
        />
      ))}
    </Box>
  );
}

/** The team's compliance rollup: how many of its models are compliant, at risk or not. */
function ComplianceCounts(props: {
  compliance: ReturnType<typeof useCompliance>;
}) {
  const { value, loading, error } = props.compliance;
  if (loading) return null;
  if (error) {
    return (
      <Typography variant="body2" color="textSecondary">
        Compliance unavailable: {error.message}
      </Typography>
    );
  }
  const statuses = [...(value?.values() ?? [])].map(c =>
    c.status.replace(/_/g, ' '),
  );
  if (statuses.length === 0) return null;
  return (
    <Counts
      label="By compliance"
      counts={countBy(statuses, ['compliant', 'at risk', 'non compliant'])}
    />
  );
}

function countBy(values: string[], order: readonly string[]) {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const rank = (value: string) =>
    order.includes(value) ? order.indexOf(value) : order.length;
  return [...counts.entries()].sort((a, b) => rank(a[0]) - rank(b[0]));
}

/**
 * On a Group's or User's page: the models the team owns (for a user, their own and
 * their teams'), with counts per lifecycle stage and risk tier.
 */
export function EntityOwnedModelsCard() {
  const { entity } = useEntity();
  const catalogApi = useApi(catalogApiRef);
  const stages = useLifecycleStages();
  const owners = [
    stringifyEntityRef(entity),
    ...relationTargets(entity, [RELATION_MEMBER_OF]),
  ];
  const { value, loading, error } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: [
        { kind: 'MLModel', 'relations.ownedBy': owners },
        {
          kind: 'Resource',
          'spec.type': 'ai-model',
          'relations.ownedBy': owners,
        },
      ],
      fields: MODEL_FIELDS,
    });
    return items;
  }, [catalogApi, owners.join(',')]);
  // One compliance read for the counts and the table (an empty list asks nothing).
  const compliance = useCompliance(
    [...new Set((value ?? []).map(model => stringifyEntityRef(model)))].sort(),
  );
  const title =
    entity.kind.toLocaleLowerCase('en-US') === 'user'
      ? "Models of this user's teams"
      : "Team's models";
  if (loading || error || !value) {
    return <AsyncCard title={title} loading={loading} error={error} />;
  }
  if (value.length === 0) {
    return (
      <AsyncCard title={title} loading={false}>
        <CardEmptyState
          title="No models owned here"
          description="A model names its owning team in spec.owner."
        />
      </AsyncCard>
    );
  }
  const stageCounts = countBy(
    value.map(model => specString(model, 'lifecycle') ?? 'unknown'),
    stages,
  );
  const riskCounts = countBy(
    value.flatMap(model => {
      const tier = specString(model, 'governance', 'riskTier');
      return model.kind === 'MLModel' ? [tier ?? 'not set'] : [];
    }),
    RISK_TIERS,
  );
  return (
    <Box>
      <AsyncCard
        title={title}
        subheader={`${value.length} model${value.length === 1 ? '' : 's'}`}
        loading={false}
      >
        <Counts label="By stage" counts={stageCounts} />
        <Counts label="By risk tier" counts={riskCounts} />
        <ComplianceCounts compliance={compliance} />
      </AsyncCard>
      <Box mt={2}>
        <RelatedModelsTable
          title="Models"
          pageRef={stringifyEntityRef(entity)}
          rows={value.map(model => ({
            entityRef: stringifyEntityRef(model),
            entity: model,
            relation: 'owned',
          }))}
          compliance={compliance}
        />
      </Box>
    </Box>
  );
}
