// docs/api.md is generated from the declarations; it must match them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('docs/api.md matches the declarations', () => {
  const r = spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/gen_api.mjs', import.meta.url)), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
