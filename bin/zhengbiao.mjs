#!/usr/bin/env node
// The command line runs the TypeScript sources directly through tsx (Node 20 cannot load .ts itself),
// so `npx zhengbiao` works right after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
// `zhengbiao … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
});
process.exitCode = code;
