import { generateDemoData } from './demo-data.generator';
const c0 = process.cpuUsage(); const t0 = performance.now();
generateDemoData({ seed: 42, customers: 3000, end: new Date('2026-11-01T00:00:00Z') });
const c = process.cpuUsage(c0);
console.log('wall', (performance.now() - t0).toFixed(0), 'cpu user+sys', ((c.user + c.system) / 1000).toFixed(0));
