import {
  assessRisk,
  RISK_QUESTIONNAIRE_VERSION,
  toRecordedRiskAssessment,
} from '@lab2live/plugin-ml-catalog-common';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import {
  as,
  governanceEntities,
  startGovernanceBackend,
} from '../__testUtils__/governanceBackend';

describe('the risk questionnaire over the REST API', () => {
  it('serves the questionnaire with the provision of every question', async () => {
    const server = await startGovernanceBackend();
    const res = await as(server, 'maya').get('/governance/risk-questionnaire');
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(RISK_QUESTIONNAIRE_VERSION);
    expect(res.body.questions).toContainEqual(
      expect.objectContaining({
        id: 'realTimeRemoteBiometricIdentification',
        article: 'Art. 5(1)(h)',
      }),
    );
    expect(res.body.rules).toContainEqual(
      expect.objectContaining({ id: 'art-6-1', article: 'Art. 6(1), Annex I' }),
    );
    const anonymous = await request(server)
      .get('/api/ml-catalog/governance/risk-questionnaire')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });

  it('assesses answers, stores nothing, and names the question of a bad answer', async () => {
    const server = await startGovernanceBackend();
    const maya = as(server, 'maya');
    const ok = await maya.post('/governance/risk-assessment', {
      answers: {
        annexIII: ['5d-emergency-calls'],
        interactsWithPeople: true,
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      tier: 'high',
      transparencyDuties: [{ id: 'interaction', article: 'Art. 50(1)' }],
      questionnaireVersion: RISK_QUESTIONNAIRE_VERSION,
    });
    expect(ok.body.reasons).toContainEqual(
      expect.objectContaining({ article: 'Annex III, point 5(d)' }),
    );

    const bad = await maya.post('/governance/risk-assessment', {
      answers: { annexIII: ['5c-car-insurance'], deepFakes: 'maybe' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^The risk questionnaire answers are not valid: 'annexIII' has "5c-car-insurance", which is not one of .*; 'deepFakes' must be true or false/,
      ),
      problems: [
        { question: 'annexIII', message: expect.any(String) },
        {
          question: 'deepFakes',
          message:
            'must be true or false (Art. 50(4), first subparagraph), not "maybe"',
        },
      ],
    });
    const missing = await maya.post('/governance/risk-assessment', {});
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('answers');
    const anonymous = await request(server)
      .post('/api/ml-catalog/governance/risk-assessment')
      .set('Authorization', mockCredentials.none.header())
      .send({ answers: {} });
    expect(anonymous.status).toBe(401);
  });

  it('opens a review with the checklist of the recorded assessment', async () => {
    const [churn] = governanceEntities;
    const assistant: Entity = {
      ...churn,
      metadata: { ...churn.metadata, name: 'llm-assistant' },
      spec: {
        ...churn.spec,
        governance: {
          riskTier: 'limited',
          personalData: true,
          riskAssessment: toRecordedRiskAssessment(
            assessRisk({
              interactsWithPeople: true,
              generalPurposeModel: true,
              openSourceRelease: true,
            }),
          ),
        },
      },
    };
    const server = await startGovernanceBackend({
      entities: [...governanceEntities, assistant],
    });
    const created = await as(server, 'maya').post('/reviews', {
      model: 'mlmodel:default/llm-assistant',
      version: '1',
    });
    expect(created.status).toBe(201);
    const ids = created.body.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'ai-disclosure',
        'personal-data-declared',
        'gpai-copyright-policy',
        'gpai-training-summary',
      ]),
    );
    for (const absent of [
      'synthetic-content-marking',
      'gpai-technical-documentation',
      'gpai-model-evaluation',
      'human-oversight',
    ]) {
      expect(ids).not.toContain(absent);
    }
    expect(
      created.body.items.find((i: { id: string }) => i.id === 'ai-disclosure'),
    ).toMatchObject({
      source: 'EU AI Act Art. 50(1)',
      appliesWhen: { transparencyDuty: 'interaction' },
    });
  });
});
