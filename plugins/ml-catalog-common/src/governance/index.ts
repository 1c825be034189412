export * from './riskAssessment';
