import { Tone, ToneChip } from './ToneChip';

const RISK_TIER_HELP: Record<string, string> = {
  minimal: 'EU AI Act minimal risk: no obligations beyond good practice',
  limited: 'EU AI Act limited risk: transparency obligations',
  high: 'EU AI Act high risk (Art. 6, Annex I or III): risk management, data governance, logging, human oversight, conformity assessment',
  prohibited: 'EU AI Act prohibited practice: may not be put into service',
};

const RISK_TIER_TONES: Record<string, Tone> = {
  minimal: 'good',
  limited: 'busy',
  high: 'warn',
  prohibited: 'bad',
};

/** The EU AI Act risk tier of a model, coloured by severity. */
export function RiskTierChip(props: { tier?: string }) {
  if (!props.tier) {
    return <ToneChip tone="off" label="risk: not set" />;
  }
  return (
    <ToneChip
      tone={RISK_TIER_TONES[props.tier] ?? 'off'}
      label={`${props.tier} risk`}
      help={RISK_TIER_HELP[props.tier] ?? props.tier}
    />
  );
}

/** A lifecycle stage, outlined so it reads as a label rather than a status. */
export function StageChip(props: { stage: string }) {
  return <ToneChip tone="off" outlined label={props.stage} />;
}

/** A yes/no fact that an entity may leave unstated. */
export function yesNo(value: boolean | undefined): string {
  if (value === undefined) {
    return 'not stated';
  }
  return value ? 'yes' : 'no';
}
