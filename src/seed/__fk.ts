import { Faker, en, base, de } from '@faker-js/faker';
const f = new Faker({ locale: [de, en, base] }); f.seed(1);
let t = performance.now();
for (let i = 0; i < 3000; i++) { f.person.firstName('female'); f.person.lastName(); }
console.log('names', performance.now() - t);
t = performance.now();
for (let i = 0; i < 3000; i++) { f.person.firstName('female'); f.person.lastName(); }
console.log('names warm', performance.now() - t);
t = performance.now();
for (let i = 0; i < 200; i++) f.company.name();
console.log('company', performance.now() - t);
