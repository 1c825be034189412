import {
  assessRisk,
  RISK_QUESTIONNAIRE_VERSION,
  RISK_TIERS,
  toRecordedRiskAssessment,
} from '@lab2live/plugin-ml-catalog-common';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';

const models = yaml
  .parseAllDocuments(
    fs.readFileSync(
      path.resolve(__dirname, '../../../examples/entities/models.yaml'),
      'utf8',
    ),
  )
  .map(d => d.toJSON())
  .filter(e => e?.kind === 'MLModel');

describe('the example models, as the EU AI Act questionnaire assesses them', () => {
  it.each(models.map(m => [m.metadata.name, m]))(
    '%s records what its answers give, and a tier never below it',
    (_name, model) => {
      const governance = model.spec.governance;
      const recorded = governance.riskAssessment;
      expect(recorded.questionnaireVersion).toBe(RISK_QUESTIONNAIRE_VERSION);
      expect(recorded).toEqual(
        toRecordedRiskAssessment(assessRisk(recorded.answers)),
      );
      expect(RISK_TIERS.indexOf(governance.riskTier)).toBeGreaterThanOrEqual(
        RISK_TIERS.indexOf(recorded.tier),
      );
      expect(governance.personalData).toBe(recorded.personalData);
    },
  );

  const byName = (name: string) =>
    models.find(m => m.metadata.name === name).spec.governance.riskAssessment;

  it('flags the general-purpose model (Art. 53, open-source exemption)', () => {
    expect(byName('mistral-7b-instruct').generalPurposeAI).toEqual({
      generalPurpose: true,
      systemicRisk: false,
      openSourceExemption: true,
    });
    expect(
      models.filter(
        m => m.spec.governance.riskAssessment.generalPurposeAI.generalPurpose,
      ),
    ).toHaveLength(1);
  });

  it('gives the support assistant its Art. 50 duties and the fraud detector the 5(b) exclusion', () => {
    expect(
      byName('support-assistant').transparencyDuties.map(
        (d: { id: string }) => d.id,
      ),
    ).toEqual(['interaction', 'synthetic-content']);
    expect(byName('payment-fraud-detector').reasons).toContainEqual(
      expect.objectContaining({
        rule: 'annex-iii-5b-creditworthiness-exception',
      }),
    );
    expect(byName('customer-trust-score').tier).toBe('prohibited');
  });
});
