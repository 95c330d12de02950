// An example client app on the typed SDK (sdk/): records a customer and two purchases, then
// reads the customer's profile back, every call typed by the schema.
//   CUSTOMER_GRAPH_URL=http://127.0.0.1:4000/graphql CUSTOMER_GRAPH_KEY=cgk_... npx tsx examples/client-app.ts
import { createClient, CustomerGraphError, CustomerProfileDocument, RecordInteractionsDocument, UpsertCustomersDocument } from '../sdk/src';

async function main(): Promise<void> {
  const client = createClient({ url: process.env.CUSTOMER_GRAPH_URL ?? 'http://127.0.0.1:4000/graphql', key: process.env.CUSTOMER_GRAPH_KEY ?? '' });
  const externalId = process.env.EXAMPLE_CUSTOMER ?? 'example-app-1';

  const upserted = await client.request(UpsertCustomersDocument, { input: [{ externalId, name: 'Example Customer', country: 'VN' }] });
  console.log(`customers: ${upserted.upsertCustomers.created} created, ${upserted.upsertCustomers.updated} updated`);

  const purchases = [12.5, 40].map((amount, i) => ({
    externalId: `${externalId}-purchase-${i}`, customerExternalId: externalId, type: 'PURCHASE' as const, channel: 'WEB' as const,
    amount, currency: 'USD', occurredAt: new Date(Date.UTC(2026, 0, 10 + i * 20)).toISOString(),
  }));
  const recorded = await client.request(RecordInteractionsDocument, { input: purchases });
  console.log(`interactions: ${recorded.recordInteractions.created} recorded, ${recorded.recordInteractions.unchanged} already there`);

  const { customer } = await client.request(CustomerProfileDocument, { externalId });
  if (!customer) throw new Error(`customer ${externalId} not found`);
  console.log(`${customer.externalId}: ${customer.summary.purchaseCount} purchases, revenue ${customer.summary.revenue}`);
  console.log(`RFM segment: ${customer.rfm?.segment ?? '-'}; CLV: ${customer.clv?.value ?? '-'}; churn: ${customer.churn?.probability ?? '-'}`);
  for (const m of customer.missingMetrics) console.log(`no ${m.kind} (${m.reason}): ${m.message}`);
}

main().catch((err) => {
  // Errors carry the API's stable code.
  console.error(err instanceof CustomerGraphError ? `${err.code}: ${err.message}` : err);
  process.exit(1);
});
