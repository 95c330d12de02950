import type { CoreKind } from '../../plugin-api/plugin.contract';
import { churnKind } from './churn/churn.kind';
import { clvKind } from './clv/clv.kind';
import type { CoreKindSpec } from './core-kind';
import { rfmKind } from './rfm/rfm.kind';

/** Every core kind's spec, by kind. */
export const CORE_KIND_SPECS: Record<CoreKind, CoreKindSpec<never>> = {
  rfm: rfmKind as CoreKindSpec<never>,
  clv: clvKind as CoreKindSpec<never>,
  churn: churnKind as CoreKindSpec<never>,
};
