import type { DataSource } from 'typeorm';
import type { IngestOptions } from '../common/ingest-options';
import type { ImportKind } from './import-rows';

/** One bad row: where, which field, why. */
export interface RowProblem {
  row: number;
  field?: string;
  message: string;
}

export interface ImportFileOptions {
  ds: DataSource;
  ingest: IngestOptions;
  /** Rows checked together (one lookup of the customers they name); for customers and links also rows per write transaction. */
  batchSize: number;
  /** Import the good rows and write the bad ones to `rejectsFile` instead of importing nothing. */
  skipInvalid: boolean;
  rejectsFile?: string;
  /** Problems kept for the report (all are counted). */
  maxProblems: number;
  onBytes?: (bytes: number) => void;
}

export interface ImportFileResult {
  kind: ImportKind;
  file: string;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  seconds: number;
  /** Bad rows stopped the file (nothing of it was written). */
  stopped: boolean;
  problems: RowProblem[];
  problemCount: number;
  /** Seconds per phase, where the path has phases (checking, writing, summaries). */
  phases: Record<string, number>;
}

export function emptyResult(kind: ImportKind, file: string): ImportFileResult {
  return { kind, file, read: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, seconds: 0, stopped: false, problems: [], problemCount: 0, phases: {} };
}

/** Counts a problem, keeping the first `max` for the report. */
export function noteProblem(result: ImportFileResult, max: number, p: RowProblem): void {
  result.problemCount += 1;
  if (result.problems.length < max) result.problems.push(p);
}
