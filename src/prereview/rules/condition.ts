/**
 * Custom conditions of pre-review rules, e.g.
 *   age(file.居民身份证.公民身份号码) >= 18 && form.婚姻状况 != "已婚"
 * jsep parses the text into an AST; this evaluator walks it with a whitelist of operators and
 * functions. Nothing is ever compiled or run as JavaScript, and member access reads only own
 * properties of the plain data objects (form, file), so `constructor`, `__proto__` and the
 * like are unreachable.
 */
import jsep, { type Expression } from 'jsep';
import { ageOn } from '../validators/idcard.js';
import { isExpired, parseDocumentDate, parseValidityPeriod } from '../validators/dates.js';
import { validateIdCard, validatePhone, validateUscc } from '../validators/index.js';

export type Scalar = string | number | boolean | null | undefined;
export interface ConditionScope {
  form: Record<string, string>;
  /** document type → extracted fields of the first file of that type */
  file: Record<string, Record<string, string>>;
  today: string;
}

/** A value the expression needs was not provided or not found: the rule is uncertain, not failed. */
export class MissingValueError extends Error {
  constructor(readonly path: string) {
    super(`missing ${path}`);
  }
}

export class ConditionSyntaxError extends Error {}

type Fn = (today: string, ...args: Scalar[]) => Scalar;
const str = (v: Scalar) => (v === null || v === undefined ? '' : String(v));
const birthDateOf = (v: Scalar, today: string): string | null => {
  const id = validateIdCard(str(v), { today });
  return id.valid ? id.info!.birthDate : parseDocumentDate(str(v));
};

const FUNCTIONS: Record<string, Fn> = {
  /** age in full years from an ID number or a birth date */
  age: (today, v) => {
    const b = birthDateOf(v, today);
    return b === null ? null : ageOn(b, today);
  },
  len: (_t, v) => [...str(v)].length,
  contains: (_t, a, b) => str(a).includes(str(b)),
  startsWith: (_t, a, b) => str(a).startsWith(str(b)),
  date: (_t, v) => parseDocumentDate(str(v)),
  today: (t) => t,
  expired: (t, v) => {
    const p = parseValidityPeriod(str(v));
    return p === null ? null : isExpired(p, t);
  },
  validIdCard: (t, v) => validateIdCard(str(v), { today: t }).valid,
  validUscc: (_t, v) => validateUscc(str(v)).valid,
  validPhone: (_t, v) => validatePhone(str(v)).valid,
  number: (_t, v) => {
    const n = Number(str(v).replace(/[,，\s]/g, '').replace(/[万元]+$/u, ''));
    return Number.isFinite(n) ? n : null;
  },
};

const BINARY: Record<string, (a: Scalar, b: Scalar) => Scalar> = {
  '==': (a, b) => str(a) === str(b),
  '!=': (a, b) => str(a) !== str(b),
  '<': (a, b) => cmp(a, b) < 0,
  '<=': (a, b) => cmp(a, b) <= 0,
  '>': (a, b) => cmp(a, b) > 0,
  '>=': (a, b) => cmp(a, b) >= 0,
  '+': (a, b) => (typeof a === 'number' && typeof b === 'number' ? a + b : str(a) + str(b)),
  '-': (a, b) => Number(a) - Number(b),
  '*': (a, b) => Number(a) * Number(b),
  '/': (a, b) => Number(a) / Number(b),
  '%': (a, b) => Number(a) % Number(b),
};

function cmp(a: Scalar, b: Scalar): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const na = Number(a);
  const nb = Number(b);
  if (str(a) !== '' && str(b) !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return str(a) < str(b) ? -1 : str(a) > str(b) ? 1 : 0;
}

/** Parses an expression, throwing ConditionSyntaxError with a Chinese message on bad syntax or unknown names. */
export function parseCondition(expr: string): Expression {
  let ast: Expression;
  try {
    ast = jsep(expr);
  } catch (err) {
    throw new ConditionSyntaxError(`条件表达式语法错误：${(err as Error).message}`);
  }
  check(ast);
  return ast;
}

function check(node: Expression): void {
  switch (node.type) {
    case 'Literal':
      return;
    case 'Identifier':
      if (!['form', 'file', 'true', 'false', 'null'].includes(node.name as string)) throw new ConditionSyntaxError(`条件表达式中未知的名称：${String(node.name)}（可用 form、file 和函数 ${Object.keys(FUNCTIONS).join('、')}）`);
      return;
    case 'MemberExpression':
      check(node.object as Expression);
      if (node.computed) check(node.property as Expression);
      return;
    case 'CallExpression': {
      const callee = node.callee as Expression;
      if (callee.type !== 'Identifier' || !Object.hasOwn(FUNCTIONS, callee.name as string)) throw new ConditionSyntaxError(`条件表达式中不允许的函数（可用 ${Object.keys(FUNCTIONS).join('、')}）`);
      (node.arguments as Expression[]).forEach(check);
      return;
    }
    case 'UnaryExpression':
      if (!['!', '-'].includes(node.operator as string)) throw new ConditionSyntaxError(`条件表达式中不允许的运算符：${String(node.operator)}`);
      check(node.argument as Expression);
      return;
    case 'BinaryExpression':
      if (!['&&', '||', ...Object.keys(BINARY)].includes(node.operator as string)) throw new ConditionSyntaxError(`条件表达式中不允许的运算符：${String(node.operator)}`);
      check(node.left as Expression);
      check(node.right as Expression);
      return;
    case 'ConditionalExpression':
      check(node.test as Expression);
      check(node.consequent as Expression);
      check(node.alternate as Expression);
      return;
    default:
      throw new ConditionSyntaxError(`条件表达式中不允许的写法：${node.type}`);
  }
}

/** Evaluates a parsed condition. Throws MissingValueError when it reads a value that is absent. */
export function evaluateCondition(ast: Expression, scope: ConditionScope): Scalar {
  const evalNode = (node: Expression): Scalar | Record<string, unknown> => {
    switch (node.type) {
      case 'Literal':
        return node.value as Scalar;
      case 'Identifier':
        if (node.name === 'form') return scope.form;
        if (node.name === 'file') return scope.file;
        return node.name === 'true' ? true : node.name === 'false' ? false : null;
      case 'MemberExpression': {
        const obj = evalNode(node.object as Expression);
        const key = node.computed ? str(evalNode(node.property as Expression) as Scalar) : String((node.property as Expression).name);
        const path = `${describe(node.object as Expression)}.${key}`;
        if (obj === null || typeof obj !== 'object' || !Object.hasOwn(obj, key)) throw new MissingValueError(path);
        const v = (obj as Record<string, unknown>)[key];
        if (v === undefined || v === '') throw new MissingValueError(path);
        return v as Scalar | Record<string, unknown>;
      }
      case 'CallExpression': {
        const args = (node.arguments as Expression[]).map((a) => scalar(evalNode(a)));
        return FUNCTIONS[(node.callee as Expression).name as string]!(scope.today, ...args);
      }
      case 'UnaryExpression': {
        const v = scalar(evalNode(node.argument as Expression));
        return node.operator === '!' ? !v : -Number(v);
      }
      case 'BinaryExpression': {
        if (node.operator === '&&') return Boolean(scalar(evalNode(node.left as Expression))) && Boolean(scalar(evalNode(node.right as Expression)));
        if (node.operator === '||') return Boolean(scalar(evalNode(node.left as Expression))) || Boolean(scalar(evalNode(node.right as Expression)));
        return BINARY[node.operator as string]!(scalar(evalNode(node.left as Expression)), scalar(evalNode(node.right as Expression)));
      }
      case 'ConditionalExpression':
        return scalar(evalNode(node.test as Expression)) ? evalNode(node.consequent as Expression) : evalNode(node.alternate as Expression);
      default:
        throw new ConditionSyntaxError(`unsupported ${node.type}`);
    }
  };
  return scalar(evalNode(ast));
}

function scalar(v: Scalar | Record<string, unknown>): Scalar {
  if (v !== null && typeof v === 'object') throw new ConditionSyntaxError('条件表达式需要比较具体字段，而不是整个对象');
  return v;
}

function describe(node: Expression): string {
  if (node.type === 'Identifier') return String(node.name);
  if (node.type === 'MemberExpression') return `${describe(node.object as Expression)}.${node.computed ? '[…]' : String((node.property as Expression).name)}`;
  return '…';
}
