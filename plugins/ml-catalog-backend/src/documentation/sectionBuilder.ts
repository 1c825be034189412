import type { Entity } from '@backstage/catalog-model';
import type {
  DocumentationBlock,
  DocumentationFact,
  DocumentationSection,
} from '@lab2live/plugin-ml-catalog-common';

/**
 * Facts of Annex IV that the catalog kinds have no field for. Each is recorded on the
 * model as an annotation `lab2live.io/annex-iv-<topic>` (text or a document URL) or as
 * a `metadata.links` entry of type `annex-iv-<topic>`.
 */
export const RECORDED_TOPICS = {
  'market-forms':
    'the forms in which the model is placed on the market or put into service (an API, a download, embedded in a product)',
  hardware: 'the hardware the model is meant to run on',
  instructions: 'the instructions for use for deployers (Art. 13)',
  methods:
    'the development methods and steps, with any pre-trained model or third-party tool used',
  design:
    'the design choices: general logic, key choices and their rationale, what it optimises for, trade-offs',
  architecture:
    'the system architecture and the computing resources used to develop, train and test it',
  'changes-plan':
    'the pre-determined changes to the model and its performance, and how compliance is kept through them',
  cybersecurity: 'the cybersecurity measures (Art. 15(5))',
  'input-data': 'the specifications of the input data',
  'metrics-rationale':
    'why these performance metrics fit this system and its intended purpose',
  risks:
    'the foreseeable unintended outcomes and sources of risk to health, safety and fundamental rights',
  standards:
    'the harmonised standards applied, or the other solutions and specifications used to meet Chapter III, Section 2',
  'declaration-of-conformity':
    'the EU declaration of conformity (Art. 47), or a link to its signed copy',
  'post-market-plan': 'the post-market monitoring plan (Art. 72(3))',
} as const;

/** A fact recorded under {@link RECORDED_TOPICS}. */
export type RecordedTopic = keyof typeof RECORDED_TOPICS;

/** The annotation that records a topic. */
export const topicAnnotation = (topic: RecordedTopic) =>
  `lab2live.io/annex-iv-${topic}`;

/** Where a team records a topic, for the "Missing:" line. */
export function whereToRecord(topic: RecordedTopic): string {
  return `annotation ${topicAnnotation(
    topic,
  )} or a metadata.links entry of type annex-iv-${topic} in the model's catalog-info.yaml`;
}

/** What the model records for a topic: its annotation and links, or undefined. */
export function recorded(
  model: Entity,
  topic: RecordedTopic,
): string | undefined {
  const values: string[] = [];
  const annotation = model.metadata.annotations?.[topicAnnotation(topic)];
  if (annotation?.trim()) values.push(annotation.trim());
  for (const link of model.metadata.links ?? []) {
    if (link.type === `annex-iv-${topic}` && link.url) {
      values.push(link.title ? `${link.title}: ${link.url}` : link.url);
    }
  }
  return values.length ? values.join('; ') : undefined;
}

/** `Missing: <what> (<where>)`: the form every gap of the pack takes. */
export const missing = (what: string, where: string) =>
  `Missing: ${what} (record it in ${where})`;

/**
 * Collects one section's blocks and gaps; its completeness follows from what it
 * found and what it missed.
 */
export class SectionBuilder {
  private readonly blocks: DocumentationBlock[] = [];
  private readonly gaps: string[] = [];
  private found = 0;
  private facts?: DocumentationFact[];

  constructor(
    private readonly number: number,
    private readonly title: string,
    private readonly asks: string,
  ) {}

  /** Starts a group of facts under an optional sub-heading. */
  group(title?: string): this {
    this.facts = [];
    this.blocks.push({
      type: 'facts',
      ...(title ? { title } : {}),
      facts: this.facts,
    });
    return this;
  }

  /** A fact that counts: its value, or the gap and where to fill it. */
  fact(label: string, value: string | undefined, gap: string): this {
    if (!this.facts) this.group();
    if (value !== undefined && value.trim() !== '') {
      this.found += 1;
      this.facts!.push({ label, value });
    } else {
      this.gaps.push(gap);
      this.facts!.push({ label, missing: gap });
    }
    return this;
  }

  /** A fact recorded under a topic (annotation or link). */
  topic(label: string, model: Entity, topic: RecordedTopic, fallback?: string) {
    return this.fact(
      label,
      recorded(model, topic) ?? fallback,
      missing(RECORDED_TOPICS[topic], whereToRecord(topic)),
    );
  }

  /** A fact shown for context: it neither fills nor leaves a gap. */
  note(label: string, value: string): this {
    if (!this.facts) this.group();
    this.facts!.push({ label, value });
    return this;
  }

  /** A table; without rows it is a gap, unless `gap` is undefined (then it says `none`). */
  table(
    title: string,
    columns: string[],
    rows: string[][],
    gap?: string,
  ): this {
    this.facts = undefined;
    if (rows.length > 0) {
      if (gap !== undefined) this.found += 1;
      this.blocks.push({ type: 'table', title, columns, rows });
    } else if (gap !== undefined) {
      this.gaps.push(gap);
      this.blocks.push({ type: 'table', title, columns, rows, missing: gap });
    } else {
      this.blocks.push({
        type: 'table',
        title,
        columns,
        rows: [[`None recorded`, ...columns.slice(1).map(() => '')]],
      });
    }
    return this;
  }

  /** A gap found among rows (a dataset without a version, an item without evidence). */
  gap(text: string): this {
    this.gaps.push(text);
    return this;
  }

  text(text: string, title?: string): this {
    this.facts = undefined;
    this.blocks.push({ type: 'text', text, ...(title ? { title } : {}) });
    return this;
  }

  build(): DocumentationSection {
    const gaps = [...new Set(this.gaps)];
    let completeness: DocumentationSection['completeness'] = 'partial';
    if (gaps.length === 0) completeness = 'complete';
    else if (this.found === 0) completeness = 'missing';
    return {
      number: this.number,
      title: this.title,
      asks: this.asks,
      completeness,
      blocks: this.blocks,
      missing: gaps,
    };
  }
}
