import { assessRiskTier } from './riskAssessment';

describe('assessRiskTier', () => {
  it('puts a prohibited practice above everything else', () => {
    expect(
      assessRiskTier({
        prohibitedPractice: 'social-scoring',
        annexIIIArea: 'employment',
        interactsWithPeople: true,
      }),
    ).toEqual({
      riskTier: 'prohibited',
      reasons: ['Article 5 prohibits this practice: Social scoring of people'],
    });
  });

  it('makes an Annex III area high risk, and says why profiling matters', () => {
    const result = assessRiskTier({
      annexIIIArea: 'essential-services',
      profilesPeople: true,
      usesPersonalData: true,
    });
    expect(result.riskTier).toBe('high');
    expect(result.reasons).toEqual([
      'Annex III area (Article 6(2)): Access to essential services (credit scoring, benefits, insurance pricing)',
      'It profiles people, so the Article 6(3) exemption for narrow or preparatory tasks does not apply',
      'It uses personal data: GDPR applies as well (a data protection impact assessment when it profiles people)',
    ]);
  });

  it('makes chat assistants and content generators limited risk', () => {
    expect(assessRiskTier({ interactsWithPeople: true }).riskTier).toBe(
      'limited',
    );
    expect(assessRiskTier({ generatesContent: true }).reasons).toEqual([
      'It generates content: Article 50 requires marking the output as AI-generated',
    ]);
  });

  it('leaves everything else minimal', () => {
    expect(assessRiskTier({}).riskTier).toBe('minimal');
    expect(
      assessRiskTier({ annexIIIArea: 'none', prohibitedPractice: 'none' })
        .riskTier,
    ).toBe('minimal');
  });
});
