import { generateDemoData } from './demo-data.generator';
const t0 = performance.now();
generateDemoData({ seed: 42, customers: 3000, end: new Date('2026-11-01T00:00:00Z') });
console.log('first', (performance.now() - t0).toFixed(0));
