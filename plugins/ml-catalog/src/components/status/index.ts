export * from './statusChips';
export * from './useStatus';
