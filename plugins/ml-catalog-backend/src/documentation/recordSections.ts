import type { DocumentationSection } from '@lab2live/plugin-ml-catalog-common';
import {
  day,
  DocumentationInputs,
  fullRef,
  label,
  named,
  specOf,
} from './inputs';
import { missing, SectionBuilder } from './sectionBuilder';
import { assessmentOf } from './systemSections';

function gpaiText(flags?: Partial<Record<string, boolean>>): string {
  if (!flags?.generalPurpose) return 'no';
  if (flags.systemicRisk)
    return 'yes, with systemic risk (Art. 53 and Art. 55)';
  return flags.openSourceExemption
    ? 'yes, free and open-source (Art. 53(2) exemption)'
    : 'yes (Art. 53)';
}

const CATALOG_FILE = "the model's catalog-info.yaml";
const GOVERNANCE_TAB = "the model's Governance tab";

/** An audit entry's change in one line: `state: approved · evidence: https://…`. */
export function changeText(after: unknown): string {
  if (after === undefined || after === null) return '';
  if (typeof after !== 'object') return String(after);
  return Object.entries(after as Record<string, unknown>)
    .filter(([key, value]) => key !== 'review' && value !== undefined)
    .map(([key, value]) => {
      if (Array.isArray(value)) return `${key}: ${value.join(', ')}`;
      if (value && typeof value === 'object') {
        return `${key}: ${changeText(value)}`;
      }
      return `${key}: ${label(String(value))}`;
    })
    .join(' · ');
}

/** Annex IV point 5: the risk management system (Art. 9). */
export function riskManagement(i: DocumentationInputs): DocumentationSection {
  const { review, model } = i;
  const spec = specOf(model);
  const s = new SectionBuilder(
    5,
    'Risk management system',
    'The risk management system of Art. 9: the risk classification, the governance review with its checklist, evidence, waivers and decisions.',
  );
  const tier = spec.governance?.riskTier as string | undefined;
  const assessment = assessmentOf(spec);
  s.group('Risk classification')
    .fact(
      'EU AI Act risk tier',
      tier,
      missing(
        'the EU AI Act risk tier',
        `spec.governance.riskTier of ${CATALOG_FILE}`,
      ),
    )
    .fact(
      'Risk assessment',
      assessment &&
        `questionnaire version ${assessment.questionnaireVersion}; assessed tier ${assessment.tier}`,
      missing(
        "the EU AI Act risk questionnaire's answers and result",
        `spec.governance.riskAssessment of ${CATALOG_FILE} (the "New ML model" template and the lab2live:risk:assess action record it)`,
      ),
    );
  if (assessment) {
    s.table(
      'Why: the provisions that apply',
      ['Provision', 'Reason'],
      assessment.reasons.map(r => [r.article, r.text]),
    );
    s.group()
      .note(
        'Art. 50 transparency duties',
        (assessment.transparencyDuties ?? [])
          .map(d => `${d.article}${d.text ? ` ${d.text}` : ''}`)
          .join('; ') || 'none',
      )
      .note('General-purpose AI model', gpaiText(assessment.generalPurposeAI));
    if (assessment.derogation) {
      s.note(
        'Art. 6(3) derogation',
        `${assessment.derogation.article ?? assessment.derogation.condition}: ${
          assessment.derogation.justification
        }`,
      );
    }
  }
  if (tier === 'prohibited') {
    s.note(
      'Consequence',
      'Art. 5 prohibits this practice: the model may not be placed on the market or used, and its review can only be rejected.',
    );
  }
  s.group('Governance review').fact(
    'Review',
    review &&
      `version ${review.version}, ${label(review.state)}; opened by ${
        review.createdBy
      } on ${day(review.createdAt)}; ${
        review.decisions.filter(d => d.decision === 'approve').length
      } of ${review.approvalsRequired} approvals${
        review.expiresAt ? `; approval ends ${day(review.expiresAt)}` : ''
      }${review.reason ? `; ${review.reason}` : ''}`,
    missing(
      'a governance review of this version',
      `${GOVERNANCE_TAB}, where the owners open one and the model risk board decides`,
    ),
  );
  if (review && spec.version && review.version !== spec.version) {
    s.gap(
      missing(
        `a review of version ${spec.version} (the newest review is of version ${review.version})`,
        GOVERNANCE_TAB,
      ),
    );
  }
  if (!review) return s.build();

  for (const item of review.items) {
    if (item.status === 'pending' || item.status === 'fail') {
      s.gap(
        missing(
          `"${item.title}" (${item.source}) is ${label(item.status)}`,
          `the review's checklist on ${GOVERNANCE_TAB}, with evidence`,
        ),
      );
    }
  }
  s.table(
    'Checklist',
    ['Item', 'Source', 'Status', 'Evidence', 'Note'],
    review.items.map(item => [
      item.title,
      item.source,
      label(item.status),
      item.evidence.join(', ') || 'none',
      [
        item.detail,
        item.note,
        item.setBy && `set by ${item.setBy} ${day(item.setAt)}`,
      ]
        .filter(Boolean)
        .join('; '),
    ]),
    missing('the checklist of the review', GOVERNANCE_TAB),
  );
  s.table(
    'Waivers',
    ['Item', 'Reason', 'Waived by', 'Until'],
    review.items
      .filter(item => item.waiver)
      .map(item => [
        item.title,
        item.waiver!.reason,
        `${item.waiver!.by} ${day(item.waiver!.at)}`,
        `${day(item.waiver!.expiresAt)}${
          item.waiver!.expired ? ' (expired)' : ''
        }`,
      ]),
  );
  s.table(
    'Decisions',
    ['Decision', 'By', 'When', 'Note'],
    review.decisions.map(d => [
      label(d.decision),
      d.by,
      day(d.at),
      d.note ?? '',
    ]),
  );
  s.table(
    'Review history',
    ['Version', 'State', 'Opened', 'Decided'],
    i.reviews.map(r => [
      r.version,
      label(r.state),
      day(r.createdAt),
      day(r.decidedAt) || 'not decided',
    ]),
  );
  return s.build();
}

/** Annex IV point 6: relevant changes through the lifecycle, from the audit log. */
export function lifecycleChanges(i: DocumentationInputs): DocumentationSection {
  const { audit } = i;
  const s = new SectionBuilder(
    6,
    'Relevant changes through the lifecycle',
    "Changes the provider made to the system through its lifecycle: Lab2Live's audit log of reviews, decisions, deployments and observations.",
  );
  s.group('Audit chain').note(
    'Entries and head',
    audit.head
      ? `${audit.total} entries; newest hash ${audit.head}`
      : 'the audit log holds no entry for this model',
  );
  s.table(
    'Changes recorded in the audit log',
    ['#', 'When', 'Who', 'What', 'Change'],
    audit.entries.map(e => [
      String(e.seq),
      e.occurredAt.replace('T', ' ').slice(0, 19),
      e.actor,
      e.action,
      changeText(e.after),
    ]),
    missing(
      'recorded changes',
      "Lab2Live's audit log: it records reviews, decisions and deployment reports as they happen",
    ),
  );
  if (audit.total > audit.entries.length) {
    s.text(
      `${
        audit.total - audit.entries.length
      } earlier entries are in the audit export (Governance tab, Export JSON).`,
    );
  }
  s.table(
    'Deployment reports',
    ['When', 'Environment', 'Version', 'Status', 'Reported by'],
    i.deployments.map(d => [
      d.timestamp.replace('T', ' ').slice(0, 19),
      d.environment,
      d.version,
      label(d.status),
      d.reportedBy,
    ]),
  );
  return s.build();
}

/** Annex IV point 7: harmonised standards applied. */
export function standards(i: DocumentationInputs): DocumentationSection {
  return new SectionBuilder(
    7,
    'Harmonised standards applied',
    'The harmonised standards applied in full or in part; where none, the solutions adopted to meet Chapter III, Section 2 and the other standards and specifications used.',
  )
    .group()
    .topic('Standards and specifications', i.model, 'standards')
    .build();
}

/** Annex IV point 8: the EU declaration of conformity. */
export function declaration(i: DocumentationInputs): DocumentationSection {
  const tier = specOf(i.model).governance?.riskTier as string | undefined;
  const s = new SectionBuilder(
    8,
    'EU declaration of conformity',
    'A copy of the EU declaration of conformity of Art. 47.',
  ).group();
  s.topic('Declaration of conformity', i.model, 'declaration-of-conformity');
  if (tier !== 'high') {
    s.note(
      'Applies to',
      `high-risk systems (Art. 47); this model's tier is ${
        tier ?? 'not recorded'
      }`,
    );
  }
  return s.build();
}

/** Annex IV point 9: post-market monitoring (Art. 72). */
export function postMarket(i: DocumentationInputs): DocumentationSection {
  const { model, related, status } = i;
  const spec = specOf(model);
  const namespace = model.metadata.namespace ?? 'default';
  const s = new SectionBuilder(
    9,
    'Post-market monitoring',
    'The system that evaluates the performance in the post-market phase (Art. 72): SLAs and their status, deployments, incidents, monitoring data and the plan.',
  );
  const evaluated = status?.sla.objectives ?? [];
  const objectiveRows = evaluated.length
    ? evaluated.map(o => [
        o.sla,
        o.name,
        `${o.indicator} ${o.op} ${o.target}`,
        o.window,
        label(o.status),
        o.value === undefined ? '' : String(Math.round(o.value * 1000) / 1000),
      ])
    : i.slas.flatMap(sla =>
        ((sla.spec?.objectives as any[]) ?? []).map(o => [
          sla.metadata.name,
          o.name ?? o.indicator,
          `${o.indicator} ${o.op} ${o.target}`,
          String(sla.spec?.window ?? ''),
          'no data',
          '',
        ]),
      );
  s.table(
    'SLAs and their objectives',
    ['SLA', 'Objective', 'Target', 'Window', 'Status', 'Latest value'],
    objectiveRows,
    missing(
      'an SLA whose objectives watch the model in production',
      `spec.slas of ${CATALOG_FILE}, or an SLA entity whose spec.appliesTo names the model`,
    ),
  );
  s.table(
    'Deployments',
    ['Environment', 'Version', 'Status', 'Since', 'Last report'],
    (status?.deployments ?? []).map(d => [
      d.environment,
      d.version,
      `${label(d.status)}${d.stale ? ' (stale)' : ''}`,
      day(d.since),
      day(d.updatedAt),
    ]),
    missing(
      'deployment reports',
      'POST /api/ml-catalog/deployments from the pipeline that deploys the model',
    ),
  );
  const incidents = [
    ...evaluated
      .filter(o => o.status === 'breached')
      .map(o => [
        'now',
        `${o.name} of ${o.sla} breached`,
        `${o.missed} of ${o.samples} observations missed ${o.indicator} ${o.op} ${o.target} in ${o.window}`,
      ]),
    ...i.audit.entries
      .filter(e => /breach/i.test(JSON.stringify(e.after ?? '')))
      .map(e => [day(e.occurredAt), e.action, changeText(e.after)]),
  ];
  s.table('Incidents (SLA breaches)', ['When', 'What', 'Detail'], incidents);
  const monitoring = (
    (spec.datasets ?? []) as Array<{
      ref: string;
      role: string;
      version?: string;
    }>
  ).filter(d => d.role === 'monitoring');
  s.table(
    'Monitoring datasets',
    ['Dataset', 'Version'],
    monitoring.map(d => [
      named(fullRef(d.ref, 'dataset', namespace) ?? d.ref, related),
      d.version ?? '',
    ]),
    missing(
      'the data the model is monitored on',
      `spec.datasets (role monitoring) of ${CATALOG_FILE}`,
    ),
  );
  s.group().topic('Post-market monitoring plan', model, 'post-market-plan');
  return s.build();
}
