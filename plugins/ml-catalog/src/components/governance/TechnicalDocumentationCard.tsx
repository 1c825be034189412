import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  DocumentationCompleteness,
  DocumentationSection,
} from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import WarningIcon from '@material-ui/icons/Warning';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { mlCatalogGovernanceApiRef } from '../../api';
import { useGovernanceChanges } from '../status';
import { saveDownload } from '../shared/saveDownload';
import { toneColors } from '../shared/ToneChip';

const useStyles = makeStyles((theme: Theme) => ({
  sections: { listStyle: 'none', margin: 0, padding: 0 },
  section: {
    padding: theme.spacing(0.75, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  heading: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  // The status chips' colours, which keep their text at WCAG AA contrast.
  complete: toneColors(theme).good,
  partial: toneColors(theme).warn,
  missing: toneColors(theme).bad,
  icon: { color: 'inherit' },
  gaps: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(3) },
}));

const LABEL: Record<DocumentationCompleteness, string> = {
  complete: 'Complete',
  partial: 'Partial',
  missing: 'Missing',
};

const ICON = {
  complete: CheckCircleIcon,
  partial: WarningIcon,
  missing: ErrorIcon,
};

/** A section's completeness: an icon and its word, never colour alone. */
export function CompletenessChip(props: {
  completeness: DocumentationCompleteness;
}) {
  const classes = useStyles();
  const Icon = ICON[props.completeness];
  return (
    <Chip
      size="small"
      icon={<Icon className={classes.icon} aria-hidden />}
      label={LABEL[props.completeness]}
      className={classes[props.completeness]}
    />
  );
}

function Section(props: { section: DocumentationSection; showGaps: boolean }) {
  const classes = useStyles();
  const { section } = props;
  const id = `annex-iv-section-${section.number}`;
  return (
    <li className={classes.section} aria-labelledby={id}>
      <div className={classes.heading}>
        <Typography variant="body2" component="span" id={id}>
          <strong>{section.number}.</strong> {section.title}
        </Typography>
        <CompletenessChip completeness={section.completeness} />
        {section.missing.length > 0 && (
          <Typography variant="caption" color="textSecondary">
            {section.missing.length === 1
              ? '1 gap'
              : `${section.missing.length} gaps`}
          </Typography>
        )}
      </div>
      {props.showGaps && section.missing.length > 0 && (
        <ul className={classes.gaps} aria-label={`Gaps of ${section.title}`}>
          {section.missing.map(gap => (
            <li key={gap}>
              <Typography variant="caption">{gap}</Typography>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The model's technical documentation pack (Annex IV of Regulation (EU) 2024/1689):
 * each section with its completeness, the gaps on request, and downloads as PDF and
 * Markdown.
 */
export function TechnicalDocumentationCard(props: { modelRef: string }) {
  const api = useApi(mlCatalogGovernanceApiRef);
  const changes = useGovernanceChanges();
  const {
    value: doc,
    loading,
    error,
  } = useAsync(
    () => api.getDocumentation(props.modelRef),
    // Evidence and decisions change what the pack holds: read it again after a write.
    [api, props.modelRef, changes],
  );
  const [showGaps, setShowGaps] = useState(false);
  const [busy, setBusy] = useState<'pdf' | 'md'>();
  const [failure, setFailure] = useState<Error>();
  const classes = useStyles();

  const download = async (format: 'pdf' | 'md') => {
    setBusy(format);
    setFailure(undefined);
    try {
      const { blob, fileName } = await api.downloadDocumentation(
        props.modelRef,
        format,
      );
      saveDownload(blob, fileName);
    } catch (e) {
      setFailure(e as Error);
    } finally {
      setBusy(undefined);
    }
  };

  const complete = doc?.sections.filter(s => s.completeness === 'complete');
  return (
    <InfoCard
      title="Technical documentation (Annex IV)"
      subheader="What the EU AI Act asks providers to document (Art. 11, Annex IV), made from the catalog and Lab2Live's records; every gap says where to fill it."
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {doc && (
        <>
          <Box
            display="flex"
            flexWrap="wrap"
            alignItems="center"
            style={{ gap: 8 }}
            mb={1}
          >
            <Button
              variant="contained"
              color="primary"
              size="small"
              disabled={!!busy}
              onClick={() => download('pdf')}
            >
              Download PDF
            </Button>
            <Button
              variant="outlined"
              size="small"
              disabled={!!busy}
              onClick={() => download('md')}
            >
              Download Markdown
            </Button>
            <Button
              size="small"
              aria-expanded={showGaps}
              onClick={() => setShowGaps(!showGaps)}
            >
              {showGaps ? 'Hide gaps' : 'Show gaps'}
            </Button>
          </Box>
          <Typography variant="body2" color="textSecondary" gutterBottom>
            {complete!.length} of {doc.sections.length} sections complete ·
            generated {new Date(doc.generatedAt).toLocaleString()} · audit chain
            head{' '}
            <code title={doc.auditChain.head ?? undefined}>
              {doc.auditChain.head?.slice(0, 12) ?? 'none'}
            </code>
          </Typography>
          {failure && (
            <Box mb={1}>
              <ResponseErrorPanel error={failure} title="Download failed" />
            </Box>
          )}
          <ul className={classes.sections} aria-label="Annex IV sections">
            {doc.sections.map(section => (
              <Section
                key={section.number}
                section={section}
                showGaps={showGaps}
              />
            ))}
          </ul>
        </>
      )}
    </InfoCard>
  );
}
