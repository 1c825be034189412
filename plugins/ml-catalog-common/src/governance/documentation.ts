/**
 * How much of an Annex IV section the catalog and Lab2Live's records fill:
 * everything it asks for (`complete`), some of it (`partial`) or nothing (`missing`).
 * @public
 */
export type DocumentationCompleteness = 'complete' | 'partial' | 'missing';

/**
 * Every {@link DocumentationCompleteness}, from best to worst.
 * @public
 */
export const DOCUMENTATION_COMPLETENESS: readonly DocumentationCompleteness[] =
  ['complete', 'partial', 'missing'];

/**
 * One fact of a section: a value, or what is missing and where to record it
 * (`Missing: ...`). Exactly one of `value` and `missing` is set.
 * @public
 */
export interface DocumentationFact {
  label: string;
  value?: string;
  missing?: string;
}

/**
 * A part of a section: facts as label and value, a table, or a paragraph.
 * A table without rows carries `missing` instead.
 * @public
 */
export type DocumentationBlock =
  | { type: 'facts'; title?: string; facts: DocumentationFact[] }
  | {
      type: 'table';
      title: string;
      columns: string[];
      rows: string[][];
      missing?: string;
    }
  | { type: 'text'; title?: string; text: string };

/**
 * One section of Annex IV of Regulation (EU) 2024/1689, filled from the catalog and
 * Lab2Live's records; every gap is listed in `missing`, each saying what is missing
 * and where to record it.
 * @public
 */
export interface DocumentationSection {
  /** The point of Annex IV, 1 to 9. */
  number: number;
  title: string;
  /** What Annex IV asks for in this point, in short. */
  asks: string;
  completeness: DocumentationCompleteness;
  blocks: DocumentationBlock[];
  missing: string[];
}

/**
 * The technical documentation pack of one model
 * (`GET /models/:kind/:namespace/:name/documentation?format=json`); the Markdown and
 * PDF downloads render the same structure.
 * @public
 */
export interface TechnicalDocumentation {
  model: string;
  title: string;
  version?: string;
  riskTier?: string;
  /** The regulation and annex the sections follow. */
  basis: string;
  generatedAt: string;
  /**
   * The model's audit chain when the pack was made: the hash of its newest entry
   * (`null` while the log is empty) and how many entries it holds, so an auditor can
   * tie the pack to an audit export.
   */
  auditChain: { head: string | null; entries: number };
  sections: DocumentationSection[];
}
