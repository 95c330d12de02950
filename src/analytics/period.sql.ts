import { registerEnumType } from 'type-graphql';

export enum Granularity { DAY = 'DAY', WEEK = 'WEEK', MONTH = 'MONTH', QUARTER = 'QUARTER', YEAR = 'YEAR' }
registerEnumType(Granularity, {
  name: 'Granularity',
  description: 'Calendar periods in UTC, labelled "2026-03-02" (DAY; WEEK: its Monday), "2026-03" (MONTH), "2026-Q1" (QUARTER), "2026" (YEAR).',
});

/**
 * The period a stored timestamp falls in, as a label that sorts in time order. Spelled per engine;
 * the same labels on both.
 */
export function periodLabel(column: string, g: Granularity, mysql: boolean): string {
  if (mysql) {
    switch (g) {
      case Granularity.DAY: return `DATE_FORMAT(${column}, '%Y-%m-%d')`;
      case Granularity.WEEK: return `DATE_FORMAT(DATE_SUB(DATE(${column}), INTERVAL WEEKDAY(${column}) DAY), '%Y-%m-%d')`;
      case Granularity.MONTH: return `DATE_FORMAT(${column}, '%Y-%m')`;
      case Granularity.QUARTER: return `CONCAT(YEAR(${column}), '-Q', QUARTER(${column}))`;
      case Granularity.YEAR: return `DATE_FORMAT(${column}, '%Y')`;
    }
  }
  switch (g) {
    case Granularity.DAY: return `substr(${column}, 1, 10)`;
    // 'weekday 0' moves to the next Sunday (or stays on one); six days back is that week's Monday.
    case Granularity.WEEK: return `date(${column}, 'weekday 0', '-6 days')`;
    case Granularity.MONTH: return `substr(${column}, 1, 7)`;
    case Granularity.QUARTER: return `(substr(${column}, 1, 4) || '-Q' || ((CAST(substr(${column}, 6, 2) AS INTEGER) + 2) / 3))`;
    case Granularity.YEAR: return `substr(${column}, 1, 4)`;
  }
}

/**
 * The period a stored timestamp falls in, as an integer that counts periods: the difference of
 * two is how many periods apart they are (cohort ages).
 */
export function periodNumber(column: string, g: Granularity, mysql: boolean): string {
  // Whole days since 1970-01-01 (a Thursday): weeks starting on Monday are offset by 3 days.
  const days = mysql ? `(TO_DAYS(${column}) - 719528)` : `CAST(julianday(substr(${column}, 1, 10)) - 2440587.5 AS INTEGER)`;
  const year = mysql ? `YEAR(${column})` : `CAST(substr(${column}, 1, 4) AS INTEGER)`;
  const month = mysql ? `MONTH(${column})` : `CAST(substr(${column}, 6, 2) AS INTEGER)`;
  switch (g) {
    case Granularity.DAY: return days;
    case Granularity.WEEK: return mysql ? `FLOOR((${days} + 3) / 7)` : `((${days} + 3) / 7)`;
    case Granularity.MONTH: return `(${year} * 12 + ${month} - 1)`;
    case Granularity.QUARTER: return mysql ? `(${year} * 4 + FLOOR((${month} - 1) / 3))` : `(${year} * 4 + (${month} - 1) / 3)`;
    case Granularity.YEAR: return year;
  }
}
