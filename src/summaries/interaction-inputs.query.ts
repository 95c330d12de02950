import type { EntityManager } from 'typeorm';
import type { Channel, ContactLevel, InteractionType } from '../common/enums';
import { fromSqlDate, fromSqlNumber, toSqlDate } from '../db/sql-date';
import type { SummaryInput } from './summary-accumulator';

/** An interaction as summaries and metric plugins read it: the narrow stored fields, no entity. */
export interface InteractionInput extends SummaryInput {
  customerId: number;
  type: InteractionType;
  channel: Channel;
  contactLevel: ContactLevel | null;
}

const COLUMNS = 'i.customer_id AS cid, i.occurred_at AS at, i.type AS type, i.channel AS channel, i.contact_level AS lvl, '
  + 'i.amount AS amount, i.currency AS cur, i.margin AS margin, i.expectation_score AS es, i.perception_score AS ps';

function interactionInputFromRow(r: Record<string, unknown>): InteractionInput {
  return {
    customerId: Number(r.cid), occurredAt: fromSqlDate(r.at) as Date, type: r.type as InteractionType, channel: r.channel as Channel,
    contactLevel: (r.lvl as ContactLevel | null) ?? null, amount: fromSqlNumber(r.amount), currency: (r.cur as string | null) ?? null,
    margin: fromSqlNumber(r.margin), expectationScore: fromSqlNumber(r.es), perceptionScore: fromSqlNumber(r.ps),
  };
}

/** The interactions matching `where`, at or before `asOf` when given, in customer then time order. */
async function selectInputs(m: EntityManager, where: string, params: unknown[], asOf?: Date): Promise<InteractionInput[]> {
  const until = asOf ? ' AND i.occurred_at <= ?' : '';
  const rows = await m.query(
    `SELECT ${COLUMNS} FROM interaction i WHERE ${where}${until} ORDER BY i.customer_id, i.occurred_at, i.id`,
    asOf ? [...params, toSqlDate(asOf)] : params,
  ) as Record<string, unknown>[];
  return rows.map(interactionInputFromRow);
}

/**
 * The interactions of customers with ids in [fromId, toId] (inclusive): one range scan of the
 * (customer_id, occurred_at, id) index.
 */
export function interactionInputsInRange(m: EntityManager, fromId: number, toId: number, asOf?: Date): Promise<InteractionInput[]> {
  return selectInputs(m, 'i.customer_id BETWEEN ? AND ?', [fromId, toId], asOf);
}

/** The interactions of the given customers (in chunks). */
export async function interactionInputsOf(m: EntityManager, customerIds: number[], asOf?: Date): Promise<InteractionInput[]> {
  const out: InteractionInput[] = [];
  const ids = [...customerIds].sort((a, b) => a - b);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    out.push(...await selectInputs(m, `i.customer_id IN (${chunk.map(() => '?').join(', ')})`, chunk, asOf));
  }
  return out;
}
