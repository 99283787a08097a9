import { describe, expect, it } from 'vitest';
import { classifyDocument, docTypeOfMaterial } from './classify.js';
import { extractFields } from './fields.js';

describe('document classification and fields', () => {
  it('takes the head noun of a title: an application form about an ID card is an application form', () => {
    expect(classifyDocument('居民身份证换领申请表\n姓名：张三\n公民身份号码：110101199003074514').docType).toBe('申请表');
    expect(classifyDocument('姓名张三\n性别男民族汉\n出生1990年3月7日\n住址云州市\n公民身份号码110101199003074514').docType).toBe('居民身份证');
    expect(classifyDocument('营业执照\n统一社会信用代码 91350100M000100Y43\n名称 云州小吃店').docType).toBe('营业执照');
    expect(classifyDocument('不动产权证书\n权利人 张三\n坐落 青禾区人民路1号').docType).toBe('不动产权证书');
    expect(classifyDocument('今天天气很好').docType).toBe('其他');
    expect(docTypeOfMaterial('居民身份证换领申请表')).toBe('申请表');
    expect(docTypeOfMaterial('申请人身份证复印件')).toBe('居民身份证');
    expect(docTypeOfMaterial('近期证件照片')).toBeNull();
  });

  it('reads fields printed with colons, run together by OCR, or in table cells on separate lines', () => {
    expect(extractFields('性别男民族汉\n出生1990年3月7日\n有效期限2016.05.01-长期', '居民身份证')).toEqual({ 性别: '男', 民族: '汉', 出生日期: '1990-03-07', 有效期限: '2016.05.01-长期', 有效期至: '长期' });
    expect(extractFields('企业名称：云州（青禾）餐饮有限公司\n统一社会信用代码：91350100M000100Y43', '营业执照')).toEqual({ 名称: '云州(青禾)餐饮有限公司', 统一社会信用代码: '91350100M000100Y43' });
    expect(extractFields('申请人姓名\n\n王 五\n\n联系电话\n\n138 1234 5678', '申请表')).toEqual({ 姓名: '王五', 联系电话: '13812345678' });
  });
});
