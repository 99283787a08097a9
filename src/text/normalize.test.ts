import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.js';

describe('normalizeText', () => {
  it('maps full-width letters, digits and spaces to half-width lower case', () => {
    expect(normalizeText('ＡＢＣ１２３　ｘ')).toBe('abc123 x');
  });

  it('maps traditional characters to simplified ones', () => {
    expect(normalizeText('開公司需要哪些證件')).toBe('开公司需要哪些证件');
    expect(normalizeText('戶口遷入')).toBe('户口迁入');
  });

  it('keeps the length so offsets into the normalised text are offsets into the original', () => {
    const original = '《中華人民共和國民法典》第一條　ＡＢＣ😀';
    const norm = normalizeText(original);
    expect(norm.length).toBe(original.length);
    const at = norm.indexOf('民法典');
    expect(original.slice(at, at + 3)).toBe('民法典');
    // a lone surrogate stays as it is
    expect(normalizeText('\ud800ＡＢＣ\udc00')).toBe('\ud800abc\udc00');
  });

  it('gives the same text on a long input and after a longer one (its buffer is reused)', () => {
    const long = '疫情防控ＡＢＣ開公司'.repeat(3000);
    expect(normalizeText(long)).toBe('疫情防控abc开公司'.repeat(3000));
    expect(normalizeText('Ｘ')).toBe('x');
  });
});
