import type { CoreKind } from '../../plugin-api/plugin.contract';
import { churnKind } from './churn/churn.kind';
import { clvKind } from './clv/clv.kind';
import type { CoreKindSpec } from './core-kind';
import { rfmKind } from './rfm/rfm.kind';

/** Every core kind's spec, by kind, with its value type erased for the host's generic code. */
export const CORE_KIND_SPECS: Record<CoreKind, CoreKindSpec<object>> = { rfm: rfmKind, clv: clvKind, churn: churnKind };
