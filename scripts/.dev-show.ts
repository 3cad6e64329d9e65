import { readFileSync } from 'node:fs';
import { suggest } from '../src/suggest/index.ts';
for (const f of process.argv.slice(2)) {
  const text = readFileSync(f, 'utf8');
  const s = suggest(text);
  console.log('=== ' + f);
  for (const label of ['METRIC', 'TARGET', 'PROJECT', 'ORG']) {
    console.log(`-- ${label}`);
    console.log(s.filter((x) => x.label === label).map((x) => `${x.text}〈${x.rule.split(':')[1] ?? x.rule}〉`).join(' | '));
  }
}
