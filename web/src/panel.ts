import type { PageState } from './state';
import type { EChartsCoreOption } from 'echarts/core';

export type Cell = string | number | null;

/**
 * One chart with its data: the rows are shown as a table under the chart (readable in print
 * and without colour) and downloaded as CSV; `marks` is how many marks (bars, cells, points) the
 * chart draws from them.
 */
export interface Panel {
  id: string;
  title: string;
  /** One sentence on how to read it. */
  note?: string;
  columns: string[];
  rows: Cell[][];
  chart: EChartsCoreOption | null;
  marks: number;
  /** The chart's height in pixels, for charts with a row per category (default 340). */
  height?: number;
}

/** A dashboard view: its name in the navigation, and the panels it loads for the page's state. */
export interface View {
  id: string;
  title: string;
  load(key: string, state: PageState): Promise<Panel[]>;
  /** Inputs of its own, shown under the filters; `set` changes the state (and the URL) and reloads. */
  controls?(key: string, state: PageState, set: (patch: Partial<PageState>) => void): Promise<HTMLElement[]>;
  /** What to say when it has no panels yet (before its inputs are chosen). */
  empty?: string;
}
