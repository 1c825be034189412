export * from './riskAssessment';
export * from './reviews';
