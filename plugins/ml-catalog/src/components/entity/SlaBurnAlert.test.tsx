import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SlaBurnAlert } from './SlaBurnAlert';

describe('SlaBurnAlert', () => {
  it('says the alert and explains it to the keyboard and to screen readers', async () => {
    await renderInTestApp(<SlaBurnAlert alert="fast_burn" />);
    await userEvent.tab();
    const alert = screen.getByText('fast burn').closest('[tabindex]');
    expect(alert).toHaveFocus();
    // Named by what it shows, explained as its description; no name on a plain span.
    expect(alert).not.toHaveAttribute('aria-label');
    expect(alert).toHaveAccessibleDescription(
      /burns at more than 14\.4 times its sustainable pace/,
    );
  });

  it('shows nothing without an alert', async () => {
    await renderInTestApp(
      <div data-testid="cell">
        <SlaBurnAlert />
      </div>,
    );
    expect(screen.getByTestId('cell')).toBeEmptyDOMElement();
  });
});
