export * from './riskQuestionnaire';
export * from './riskAssessment';
export * from './riskTemplate';
export * from './reviews';
export * from './auditChain';
export * from './documentation';
