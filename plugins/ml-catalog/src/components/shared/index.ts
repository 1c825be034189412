export { RiskTierChip, StageChip, yesNo } from './chips';
export { EntityRefOrMissing } from './EntityRefOrMissing';
export { useEntitiesByRefs } from './useEntitiesByRefs';
export type { EntitiesByRef } from './useEntitiesByRefs';
export { useLifecycleStages } from './useLifecycleStages';
export { ChartLegend } from './ChartLegend';
export { isWebAddress, WebLink } from './WebLink';
export { formatDay, formatTime } from './dates';
