import type { ValueTransformer } from 'typeorm';

/** mysql2 returns DECIMAL as strings to keep precision; the API speaks JS numbers. */
export const decimalTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)),
};

/** One amount (at most 10^12 by validation). */
export const decimalColumn = { type: 'decimal', precision: 18, scale: 4, transformer: decimalTransformer } as const;
/** A per-customer sum of amounts: wide enough for any number of them (see the MoneySumWidth migration). */
export const moneySumColumn = { ...decimalColumn, precision: 28 } as const;
export const timestampColumn = { type: 'datetime', precision: 3 } as const;
