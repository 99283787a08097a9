import { expect, it } from 'vitest';
import { buildVerifierPage } from './build.js';

it('the committed standalone verifier is built from the current verifier (regenerate with vitest -u)', async () => {
  const { html, script } = await buildVerifierPage();
  expect(script).toContain('xiaozheng-allocation-list v1');
  // nothing from elsewhere: the page works offline, from file://
  expect(html).toContain('<script src="allocation-verify.js"></script>');
  expect(`${html}${script}`).not.toMatch(/https?:\/\//);
  await expect(html).toMatchFileSnapshot('../../../web/public/allocation-verify.html');
  await expect(script).toMatchFileSnapshot('../../../web/public/allocation-verify.js');
});
