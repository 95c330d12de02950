import type { ValueTransformer } from 'typeorm';

/** mysql2 returns DECIMAL as strings to keep precision; the API speaks JS numbers. */
export const decimalTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)),
};

export const decimalColumn = { type: 'decimal', precision: 18, scale: 4, transformer: decimalTransformer } as const;
export const timestampColumn = { type: 'datetime', precision: 3 } as const;
