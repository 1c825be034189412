import { Entity } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import WarningIcon from '@material-ui/icons/ReportProblemOutlined';
import { makeStyles, Theme } from '@material-ui/core/styles';

const useStyles = makeStyles((theme: Theme) => ({
  missing: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  // The warning colour marks the icon only: as text it reads at 2.7:1 on white.
  icon: { fontSize: '1rem', color: theme.palette.warning.dark },
}));

/**
 * A link to a referenced entity, or, when the catalog does not have it, the reference
 * itself marked as missing: a broken link is a fact a reader needs, not one to hide.
 */
export function EntityRefOrMissing(props: {
  entityRef: string;
  entity: Entity | undefined;
  defaultKind?: string;
}) {
  const classes = useStyles();
  if (props.entity) {
    return (
      <EntityRefLink
        entityRef={props.entity}
        defaultKind={props.defaultKind}
        title={props.entity.metadata.title}
      />
    );
  }
  return (
    <Tooltip title="Referenced by this entity but not registered in the catalog">
      <Typography component="span" variant="body2" className={classes.missing}>
        <WarningIcon className={classes.icon} aria-hidden />
        {props.entityRef} (not in the catalog)
      </Typography>
    </Tooltip>
  );
}
