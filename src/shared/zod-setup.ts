/**
 * Chinese messages for every zod check that has no message of its own: a citizen who leaves a
 * field out reads "必填项，不能为空", not "Invalid input: expected string, received undefined".
 * Messages written in a schema still win. Imported for its effect by the composition root, so
 * the server, the CLI and the tests all get it.
 */
import { z } from 'zod';

const zhCN = z.locales.zhCN();

z.config({
  ...zhCN,
  customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? '必填项，不能为空' : undefined),
});
