import { generateDemoData } from './demo-data.generator';
const t0 = performance.now();
const d = generateDemoData({ seed: 42, customers: 3000, end: new Date('2026-11-01T00:00:00Z') });
console.log('first', (performance.now() - t0).toFixed(0));
const t1 = performance.now();
const xs = d.interactions.map((i) => ({ at: i.occurredAt.getTime(), c: 1, s: 2 }));
xs.sort((a, b) => a.at - b.at || a.c - b.c || a.s - b.s);
console.log('plain sort', (performance.now() - t1).toFixed(0));
