import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { memo, useCallback, useMemo, useRef } from 'react';
import {
  MODEL_SOURCE_TITLES,
  ModelSource,
} from '@lab2live/plugin-ml-catalog-common';
import { Facet, FACETS, FacetCount, ModelQuery } from './modelRows';

const FACET_LABELS: Record<Facet, string> = {
  owner: 'Owner',
  system: 'System',
  stage: 'Lifecycle stage',
  risk: 'Risk tier',
  type: 'Type',
  environment: 'Deployed to',
  sla: 'SLA status',
  compliance: 'Compliance',
  tag: 'Tag',
  source: 'Described as',
  origin: 'Source',
};

const SOURCE_LABELS: Record<string, string> = {
  lab2live: 'MLModel (Lab2Live)',
  'ai-model-resource': 'ai-model Resource (read-only)',
};

/** How a facet value reads: entity references shortened, sources spelled out. */
export function facetValueLabel(facet: Facet, value: string): string {
  if (facet === 'owner' || facet === 'system') {
    try {
      return humanizeEntityRef(parseEntityRef(value), {
        defaultKind: facet === 'owner' ? 'group' : 'system',
      });
    } catch {
      return value;
    }
  }
  if (facet === 'source') {
    return SOURCE_LABELS[value] ?? value;
  }
  if (facet === 'origin') {
    return MODEL_SOURCE_TITLES[value as ModelSource] ?? value;
  }
  if (facet === 'compliance') {
    return value.replace(/_/g, ' ');
  }
  if (facet === 'sla') {
    return value === 'none' ? 'no SLA' : value.replace(/_/g, ' ');
  }
  return value;
}

const useStyles = makeStyles((theme: Theme) => ({
  // On the page's grey the theme's secondary text reads at 4.47:1, under WCAG AA's
  // 4.5:1: the facets' labels take the primary text colour (focused, the theme's own).
  label: { color: theme.palette.text.primary },
}));

/** No value chosen: one array, so an untouched facet's field is not drawn again. */
const NONE: string[] = [];

/**
 * One facet's multi-select, each value with the number of models it would show. Drawn
 * again only when its own choice or counts change: a change of one facet leaves the
 * other ten alone until their counts arrive.
 */
const FacetField = memo(function FacetFieldUnmemoized(props: {
  facet: Facet;
  selected: string[];
  options: FacetCount[];
  onChange: (facet: Facet, values: string[]) => void;
}) {
  const { facet, selected, options, onChange } = props;
  const classes = useStyles();
  const values = useMemo(() => options.map(o => o.value), [options]);
  const countOf = useMemo(
    () => new Map(options.map(o => [o.value, o.count])),
    [options],
  );
  return (
    <Box width={210}>
      <Autocomplete
        multiple
        size="small"
        options={values}
        value={selected}
        onChange={(_event, chosen) => onChange(facet, chosen)}
        getOptionLabel={value => facetValueLabel(facet, value)}
        renderOption={value => (
          <Box display="flex" width="100%" justifyContent="space-between">
            <span>{facetValueLabel(facet, value)}</span>
            <Typography variant="body2" color="textSecondary">
              {countOf.get(value) ?? 0}
            </Typography>
          </Box>
        )}
        renderInput={params => (
          <TextField
            {...params}
            variant="outlined"
            label={FACET_LABELS[facet]}
            InputLabelProps={{
              ...params.InputLabelProps,
              className: classes.label,
            }}
            placeholder={selected.length ? '' : 'Any'}
          />
        )}
      />
    </Box>
  );
});

/**
 * The filters above the model table: "my team's models" and one multi-select per
 * facet, each value with the number of models it would show.
 */
export function FacetPanel(props: {
  query: ModelQuery;
  counts: Record<Facet, FacetCount[]>;
  onFacetChange: (facet: Facet, values: string[]) => void;
  onMineChange: (mine: boolean) => void;
}) {
  const { query, counts, onFacetChange, onMineChange } = props;
  // The page passes a new callback on every render; the fields keep one that calls
  // the latest.
  const latest = useRef(onFacetChange);
  latest.current = onFacetChange;
  const onChange = useCallback(
    (facet: Facet, values: string[]) => latest.current(facet, values),
    [],
  );
  return (
    <Box
      component="section"
      aria-label="Model filters"
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 12 }}
    >
      <FormControlLabel
        control={
          <Switch
            color="primary"
            checked={query.mine}
            onChange={event => onMineChange(event.target.checked)}
          />
        }
        label="My team's models"
      />
      {FACETS.map(facet => (
        <FacetField
          key={facet}
          facet={facet}
          selected={query.facets[facet] ?? NONE}
          options={counts[facet]}
          onChange={onChange}
        />
      ))}
    </Box>
  );
}
