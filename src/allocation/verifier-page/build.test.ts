import { expect, it } from 'vitest';
import { buildVerifierPage } from './build.js';

it('the committed standalone verifier page is built from the current verifier (regenerate with vitest -u)', async () => {
  const html = await buildVerifierPage();
  expect(html).toContain('xiaozheng-allocation-list v1');
  expect(html).not.toMatch(/<script[^>]+src=|https?:\/\/(?!www\.w3)/);
  await expect(html).toMatchFileSnapshot('../../../web/public/allocation-verify.html');
});
