import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/** The legend under a chart: a colour swatch and a label per series. */
export function ChartLegend(props: {
  entries: Array<{ label: string; color: string }>;
}) {
  return (
    <Box display="flex" flexWrap="wrap" mt={1} style={{ gap: 12 }}>
      {props.entries.map(entry => (
        <Box key={entry.label} display="flex" alignItems="center">
          <Box
            width={12}
            height={12}
            mr={0.5}
            style={{ backgroundColor: entry.color }}
          />
          <Typography variant="caption">{entry.label}</Typography>
        </Box>
      ))}
    </Box>
  );
}
