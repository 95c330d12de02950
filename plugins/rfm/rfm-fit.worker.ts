import type { RfmConfig } from './rfm.config';
import { type RfmFitDiagnostics, rfmFitDiagnostics } from './rfm-fit.diagnostics';
import type { RfmModel } from './rfm-model.schema';
import { fitRfm, RfmColumns } from './rfm.model';

// The RFM fit on a worker thread (see index.ts): sorting three columns of a million customers and
// scoring each for the diagnostics takes long enough to hold up every request on the main thread.

/** What the fit needs: the three columns of the customers with purchases, as typed arrays (handed over, not copied). */
export interface RfmFitInput {
  columns: { recency: Float64Array; frequency: Float64Array; monetary: Float64Array };
  /** Customers seen, with or without purchases. */
  customers: number;
  config: RfmConfig;
}

export function fit({ columns, customers, config }: RfmFitInput): { model: RfmModel; diagnostics: RfmFitDiagnostics } {
  const inputs = RfmColumns.fromPacked(columns);
  const model = fitRfm(inputs, config);
  return { model, diagnostics: rfmFitDiagnostics(customers, inputs, model, config) };
}
