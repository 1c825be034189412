import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TagChips } from './TagChips';

describe('TagChips', () => {
  it('shows two tags and folds the rest into a +N chip that names them', async () => {
    await renderInTestApp(
      <TagChips tags={['xgboost', 'tabular', 'churn', 'pii', 'gdpr']} />,
    );
    expect(screen.getByText('xgboost')).toBeInTheDocument();
    expect(screen.getByText('tabular')).toBeInTheDocument();
    expect(screen.queryByText('churn')).not.toBeInTheDocument();
    const more = screen.getByRole('button', {
      name: '3 more tags: churn, pii, gdpr',
    });
    expect(more).toHaveTextContent('+3');

    await userEvent.hover(more);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'churn, pii, gdpr',
    );

    // It takes the keyboard focus, and opens the rest.
    await userEvent.tab();
    expect(more).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByText('gdpr')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Show fewer tags' }),
    ).toHaveAttribute('aria-expanded', 'true');
  });

  it('shows three tags as they are: a +1 chip would hide nothing worth its room', async () => {
    await renderInTestApp(<TagChips tags={['a', 'b', 'c']} />);
    expect(screen.getByText('c')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
