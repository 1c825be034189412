export * from './statusChips';
export * from './useStatus';
export * from './governanceChips';
export * from './useCompliance';
export * from './useGovernanceChanges';
