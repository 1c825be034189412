export * from './riskAssessment';
export * from './reviews';
export * from './auditChain';
export * from './documentation';
