import { screen, within } from '@testing-library/react';
import { churnModel } from '../../__testUtils__/entities';
import { fakeGovernanceApi } from '../../__testUtils__/governanceApi';
import { renderCard } from '../../__testUtils__/renderCard';
import { MlModelComplianceCard } from './MlModelComplianceCard';

describe('MlModelComplianceCard', () => {
  it('shows the compliance, every reason and the counting review', async () => {
    await renderCard(<MlModelComplianceCard />, churnModel);
    expect(
      await screen.findByLabelText('Compliance: non compliant'),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('list', { name: 'Compliance reasons' }),
      ).getByText('No approved, unexpired governance review'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Review of version 8: in review/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the Governance tab' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/mlmodel/churn-predictor/governance',
    );
    // In grey text, colour alone would not tell the link apart (WCAG 1.4.1).
    expect(
      screen.getByRole('link', { name: 'Open the Governance tab' }),
    ).toHaveClass('MuiLink-underlineAlways');
  });

  it('shows the server error', async () => {
    await renderCard(<MlModelComplianceCard />, churnModel, {
      governanceApi: fakeGovernanceApi({ failWith: new Error('offline') }),
    });
    expect(
      await screen.findByText('Error: offline', { selector: 'h6' }),
    ).toBeInTheDocument();
  });
});
