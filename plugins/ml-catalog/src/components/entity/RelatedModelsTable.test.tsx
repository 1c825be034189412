import { screen, within } from '@testing-library/react';
import {
  churnModel,
  churnSla,
  graniteResource,
} from '../../__testUtils__/entities';
import { renderCard } from '../../__testUtils__/renderCard';
import { RelatedModelsTable } from './RelatedModelsTable';

function headers() {
  return screen
    .getAllByRole('columnheader')
    .map(header => header.textContent ?? '');
}

describe('RelatedModelsTable', () => {
  it("leaves the owner out on the owner's own page, and names every other owner", async () => {
    const rows = [
      {
        entityRef: 'mlmodel:default/churn-predictor',
        entity: churnModel,
        relation: 'owned',
      },
    ];
    const { unmount } = await renderCard(
      <RelatedModelsTable
        title="Models"
        rows={rows}
        pageRef="group:default/Data-Science"
      />,
      churnSla,
    );
    const modelCell = screen
      .getByRole('link', { name: 'Customer churn predictor' })
      .closest('td')!;
    expect(within(modelCell).getAllByRole('link')).toHaveLength(1);
    unmount();

    await renderCard(
      <RelatedModelsTable
        title="Models"
        rows={rows}
        pageRef="group:default/payments"
      />,
      churnSla,
    );
    expect(
      within(
        screen
          .getByRole('link', { name: 'Customer churn predictor' })
          .closest('td')!,
      ).getByRole('link', { name: 'data-science' }),
    ).toBeInTheDocument();
  });

  it('fits a card: the owner under the model, deployments and SLAs in one column', async () => {
    await renderCard(
      <RelatedModelsTable
        title="Models"
        relationTitle="Relation"
        rows={[
          {
            entityRef: 'mlmodel:default/churn-predictor',
            entity: churnModel,
            relation: 'serves',
          },
          {
            entityRef: 'resource:default/granite-3-8b-instruct',
            entity: graniteResource,
            relation: 'calls',
          },
        ]}
      />,
      churnSla,
    );
    expect(headers()).toEqual([
      'Model',
      'Relation',
      'Stage and risk',
      'Deployments and SLAs',
      'Compliance',
    ]);
    const modelCell = screen
      .getByRole('link', { name: 'Customer churn predictor' })
      .closest('td')!;
    expect(
      within(modelCell).getByRole('link', { name: 'data-science' }),
    ).toBeInTheDocument();

    const status = within(modelCell.closest('tr')!).getAllByRole('cell')[3];
    expect(
      await within(status).findByLabelText('staging: version 8, healthy'),
    ).toBeInTheDocument();
    expect(within(status).getByText('SLA breached')).toBeInTheDocument();
    expect(
      within(status).getByRole('link', { name: 'churn-scoring' }),
    ).toBeInTheDocument();
  });

  it('breaks cell text only between words', async () => {
    await renderCard(
      <RelatedModelsTable
        title="Models"
        rows={[
          {
            entityRef: 'mlmodel:default/churn-predictor',
            entity: churnModel,
            relation: 'covered',
          },
        ]}
      />,
      churnSla,
    );
    for (const cell of await screen.findAllByRole('cell')) {
      expect(cell).toHaveStyle({
        wordBreak: 'normal',
        overflowWrap: 'normal',
      });
    }
  });
});
