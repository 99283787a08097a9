import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-error.js';
import { buildTree, parseTaxonomyCsv } from './taxonomy.js';

function importError(csv: string): AppError {
  try {
    parseTaxonomyCsv(csv);
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected an import error');
}

describe('taxonomy CSV', () => {
  it('reads paths of any depth, each prefix once, parents first', () => {
    const nodes = parseTaxonomyCsv('L1,L2,L3,L4\n甲,乙,丙,丁\n甲,乙,戊\n己,,,\n');
    expect(nodes.map((n) => n.path)).toEqual(['甲', '甲/乙', '甲/乙/丙', '甲/乙/丙/丁', '甲/乙/戊', '己']);
    expect(nodes.find((n) => n.path === '甲/乙/丙/丁')).toEqual({ path: '甲/乙/丙/丁', name: '丁', level: 4, parentPath: '甲/乙/丙' });
    const tree = buildTree(nodes);
    expect(tree.map((n) => n.name)).toEqual(['甲', '己']);
    expect(tree[0]!.children[0]!.children.map((n) => n.name)).toEqual(['丙', '戊']);
  });

  it('names the line and column of a gap, a separator in a name, or extra columns', () => {
    expect(importError('一级,二级,三级\n甲,乙,丙\n甲,,丙\n').message).toMatch(/第 3 行：第 2 列（二级）为空/);
    expect(importError('一级,二级\n甲/乙,丙\n').message).toMatch(/第 2 行：第 1 列（一级）：分类名称不能含“\/”/);
    expect(importError('一级\n甲,乙\n').message).toMatch(/第 2 行：有 2 列，表头只有 1 列/);
    expect(importError('一级,二级\n').message).toMatch(/没有任何分类/);
  });

  it('counts lines of quoted cells that span lines', () => {
    expect(importError('一级,二级\n"甲\n乙",丙\n丁,,戊\n').message).toMatch(/第 4 行/);
  });
});
