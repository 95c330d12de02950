import { generateDemoData } from './demo-data.generator';
for (let k = 0; k < 4; k++) {
  const t0 = performance.now();
  generateDemoData({ seed: 42 + k, customers: 3000, end: new Date('2026-11-01T00:00:00Z') });
  console.log('run', k, (performance.now() - t0).toFixed(0));
}
