import { describe, expect, it } from 'vitest';
import { ConditionSyntaxError, MissingValueError, evaluateCondition, parseCondition } from './condition.js';

const scope = {
  form: { name: '张三', income: '3,200', 婚姻状况: '未婚' },
  file: { 居民身份证: { 公民身份号码: '11010519491231002X', 有效期限: '2010.01.01-2020.01.01' } },
  today: '2026-11-28',
};
const run = (expr: string) => evaluateCondition(parseCondition(expr), scope);

describe('pre-review conditions', () => {
  it('evaluates comparisons, logic and the whitelisted functions over form and file fields', () => {
    expect(run('age(file.居民身份证.公民身份号码) >= 60 && form.婚姻状况 != "已婚"')).toBe(true);
    expect(run('age(file["居民身份证"]["公民身份号码"]) < 60')).toBe(false);
    expect(run('number(form.income) <= 3500')).toBe(true);
    expect(run('expired(file.居民身份证.有效期限)')).toBe(true);
    expect(run('validIdCard(file.居民身份证.公民身份号码) && len(form.name) == 2')).toBe(true);
    expect(run('contains(form.name, "张") ? 1 : 0')).toBe(1);
  });

  it('reports a value that is not there as missing (the rule becomes uncertain), not as false', () => {
    expect(() => run('form.phone == "1"')).toThrow(MissingValueError);
    expect(() => run('file.营业执照.名称 == "x"')).toThrow(MissingValueError);
  });

  it('refuses anything outside the whitelist before running it', () => {
    for (const expr of ['constructor.constructor("return process")()', 'form.__proto__', 'process.exit(1)', 'this', 'eval("1")', 'form.name = "x"', '[1,2]', 'x => 1']) {
      expect(() => evaluateCondition(parseCondition(expr), scope), expr).toThrow();
    }
    expect(() => parseCondition('process.exit(1)')).toThrow(ConditionSyntaxError);
    expect(() => run('form.__proto__')).toThrow(MissingValueError);
    expect(() => run('form.toString')).toThrow(MissingValueError);
  });
});
