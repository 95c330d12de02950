import { generateDemoData } from './demo-data.generator';
const t0 = performance.now();
const d = generateDemoData({ seed: 42, customers: 3000, end: new Date('2026-11-01T00:00:00Z') });
const t1 = performance.now();
const count = <T,>(xs: T[], f: (x: T) => string) => xs.reduce((m, x) => (m[f(x)] = (m[f(x)] ?? 0) + 1, m), {} as Record<string, number>);
console.log('time ms', (t1 - t0).toFixed(0));
console.log('customers', d.customers.length, 'interactions', d.interactions.length);
console.log(count(d.interactions, (i) => i.type));
console.log(count(d.interactions, (i) => i.channel!));
console.log(count(d.interactions, (i) => i.contactLevel!));
console.log(count(d.interactions, (i) => i.channel + '/' + i.contactLevel));
console.log(count(d.links, (l) => l.type));
console.log(count(d.customers, (c) => `${c.party}/${c.channelRole}/${c.origin}`));
console.log(count(d.customers, (c) => `${c.relationship}`), count(d.customers, (c) => c.country!), count(d.customers, c => String(c.acquisitionSource)));
console.log(count(d.customers, (c) => String(c.churnReason)));
console.log(d.segments.map((s) => [s.input.key, s.memberExternalIds.length]));
console.log(count(d.customers, c => String((c.traits as any).loyaltyTier)));
const pc = new Map<string, number>(); const last = new Map<string, number>();
for (const i of d.interactions) if (i.type === 'PURCHASE') { pc.set(i.customerExternalId, (pc.get(i.customerExternalId) ?? 0) + 1); last.set(i.customerExternalId, i.occurredAt.getTime()); }
const hist: Record<string, number> = {};
for (const c of d.customers) { const n = pc.get(c.externalId) ?? 0; const b = n === 0 ? '0' : n === 1 ? '1' : n < 5 ? '2-4' : n < 10 ? '5-9' : n < 20 ? '10-19' : '20+'; hist[b] = (hist[b] ?? 0) + 1; }
console.log('purchases per customer', hist);
const end = new Date('2026-11-01T00:00:00Z').getTime();
console.log('last purchase >180d', [...last.values()].filter(t => end - t > 180 * 864e5).length);
console.log(d.customers.slice(0, 3), d.interactions.slice(0, 3), d.interactions.filter(i=>i.type==='REFUND').slice(0,2), d.interactions.filter(i=>i.type==='SURVEY').slice(0,2), d.links.slice(0,4));
const amounts = d.interactions.filter(i => i.type === 'PURCHASE').map(i => i.amount!).sort((a,b)=>a-b);
console.log('amount p5/p50/p95/max', amounts[Math.floor(amounts.length*.05)], amounts[Math.floor(amounts.length*.5)], amounts[Math.floor(amounts.length*.95)], amounts[amounts.length-1]);
const hours = count(d.interactions, i => String(i.occurredAt.getUTCHours())); console.log(hours);
