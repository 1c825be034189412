import { renderInTestApp } from '@backstage/test-utils';
import { createTheme, getContrastRatio } from '@material-ui/core/styles';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { toneColors, ToneChip } from './ToneChip';

describe('ToneChip', () => {
  // Backstage's themes keep Material UI's status colours (success, warning, error, info).
  it.each(['light', 'dark'] as const)(
    'keeps text on every filled tone at 4.5:1 or more in the %s theme',
    type => {
      const colors = toneColors(createTheme({ palette: { type } }));
      const ratios = Object.fromEntries(
        Object.entries(colors).map(([tone, c]) => [
          tone,
          getContrastRatio(c.backgroundColor, c.color),
        ]),
      );
      for (const [tone, ratio] of Object.entries(ratios)) {
        expect({ tone, ratio: ratio >= 4.5 }).toEqual({ tone, ratio: true });
      }
    },
  );

  it('takes the keyboard focus only to explain itself', async () => {
    await renderInTestApp(
      <>
        <ToneChip tone="good" label="plain" />
        <ToneChip
          tone="bad"
          label="SLA breached"
          help="An objective missed its target over its window"
        />
      </>,
    );
    await userEvent.tab();
    const focused = screen.getByText('SLA breached').closest('[tabindex]');
    expect(focused).toHaveFocus();
    expect(focused).toHaveAccessibleDescription(
      'An objective missed its target over its window',
    );
  });
});
