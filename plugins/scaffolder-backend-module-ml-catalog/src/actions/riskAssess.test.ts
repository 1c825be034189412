import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { outputsOf } from '../__testUtils__/outputsOf';
import { createRiskAssessAction } from './riskAssess';
import { riskAssessExamples } from './riskAssess.examples';

async function run(input: Record<string, unknown>) {
  const action = createRiskAssessAction();
  const ctx = createMockActionContext({
    input: input as any,
  });
  await action.handler(ctx as any);
  return outputsOf(ctx);
}

describe('lab2live:risk:assess', () => {
  it('makes a credit scoring model high risk and says why', async () => {
    expect(
      await run({
        annexIIIArea: 'essential-services',
        profilesPeople: true,
        usesPersonalData: true,
      }),
    ).toEqual({
      riskTier: 'high',
      reasons: [
        'Annex III area (Article 6(2)): Access to essential services (credit scoring, benefits, insurance pricing)',
        'It profiles people, so the Article 6(3) exemption for narrow or preparatory tasks does not apply',
        'It uses personal data: GDPR applies as well (a data protection impact assessment when it profiles people)',
      ],
      personalData: true,
    });
  });

  it.each(riskAssessExamples.map(e => [e.description, e.example]))(
    'runs its example: %s',
    async (_description, example) => {
      const [step] = yaml.parse(example).steps;
      expect(step.action).toBe('lab2live:risk:assess');
      const outputs = await run(step.input);
      expect(['high', 'limited']).toContain(outputs.riskTier);
      expect((outputs.reasons as string[]).length).toBeGreaterThan(0);
    },
  );
});
