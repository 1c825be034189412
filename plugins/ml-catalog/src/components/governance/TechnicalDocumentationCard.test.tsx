import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { churnModel } from '../../__testUtils__/entities';
import { fakeGovernanceApi } from '../../__testUtils__/governanceApi';
import { renderCard } from '../../__testUtils__/renderCard';
import { recordDownloads } from '../../__testUtils__/downloads';
import { ModelGovernanceContent } from './ModelGovernanceContent';
import { TechnicalDocumentationCard } from './TechnicalDocumentationCard';

const CHURN = 'mlmodel:default/churn-predictor';

describe('TechnicalDocumentationCard', () => {
  const saved = recordDownloads();

  it('lists the Annex IV sections with their completeness in words, and their gaps on request', async () => {
    await renderCard(
      <TechnicalDocumentationCard modelRef={CHURN} />,
      churnModel,
    );
    const list = await screen.findByRole('list', { name: 'Annex IV sections' });
    const sections = within(list).getAllByRole('listitem');
    expect(sections).toHaveLength(3);
    const general = screen.getByRole('listitem', {
      name: '1. General description and intended purpose',
    });
    expect(within(general).getByText('Complete')).toBeInTheDocument();
    const development = screen.getByRole('listitem', {
      name: '2. Elements of the system and its development',
    });
    expect(within(development).getByText('Partial')).toBeInTheDocument();
    expect(within(development).getByText('2 gaps')).toBeInTheDocument();
    const declaration = screen.getByRole('listitem', {
      name: '8. EU declaration of conformity',
    });
    expect(within(declaration).getByText('Missing')).toBeInTheDocument();
    expect(within(declaration).getByText('1 gap')).toBeInTheDocument();
    expect(screen.getByText(/1 of 3 sections complete/)).toBeInTheDocument();
    expect(screen.getByText('ab12cd34ef56')).toBeInTheDocument();

    // The gaps say what is missing and where to record it.
    expect(
      screen.queryByText(/^Missing: the hardware/),
    ).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show gaps' }));
    expect(
      within(
        screen.getByRole('list', {
          name: 'Gaps of Elements of the system and its development',
        }),
      ).getAllByRole('listitem'),
    ).toHaveLength(2);
    expect(
      screen.getByText(
        /^Missing: the EU declaration of conformity \(Art\. 47\) \(record it in annotation lab2live\.io\/annex-iv-declaration-of-conformity\)$/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Hide gaps' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
  });

  it('downloads the pack as PDF and Markdown under the name the server gives', async () => {
    const api = fakeGovernanceApi();
    const download = jest.spyOn(api, 'downloadDocumentation');
    await renderCard(
      <TechnicalDocumentationCard modelRef={CHURN} />,
      churnModel,
      {
        governanceApi: api,
      },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Download PDF' }),
    );
    await waitFor(() => expect(saved).toHaveLength(1));
    await userEvent.click(
      screen.getByRole('button', { name: 'Download Markdown' }),
    );
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(download.mock.calls).toEqual([
      [CHURN, 'pdf'],
      [CHURN, 'md'],
    ]);
    expect(saved.map(s => [s.file, s.blob.type])).toEqual([
      ['annex-iv-churn-predictor-v8-2026-12-02.pdf', 'application/pdf'],
      ['annex-iv-churn-predictor-v8-2026-12-02.md', 'text/markdown'],
    ]);
  });

  it('shows why the pack cannot be read, such as a missing permission', async () => {
    const refused = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message: 'Not allowed: lab2live.review.read',
          },
          request: { method: 'GET', url: '/documentation' },
          response: { statusCode: 403 },
        }),
        {
          status: 403,
          statusText: 'Forbidden',
          headers: { 'Content-Type': 'application/json' },
        },
      ) as any,
    );
    await renderCard(
      <TechnicalDocumentationCard modelRef={CHURN} />,
      churnModel,
      {
        governanceApi: fakeGovernanceApi({ failWith: refused }),
      },
    );
    expect(
      (await screen.findAllByText(/Not allowed: lab2live.review.read/))[0],
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Download PDF' }),
    ).not.toBeInTheDocument();
  });

  it('is on the Governance tab, with or without a review', async () => {
    await renderCard(<ModelGovernanceContent />, churnModel, {
      governanceApi: fakeGovernanceApi({ reviews: [], canCreate: false }),
    });
    expect(
      await screen.findByText('No governance review yet'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('list', { name: 'Annex IV sections' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Technical documentation (Annex IV)'),
    ).toBeInTheDocument();
  });
});
