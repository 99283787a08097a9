import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error.js';
import { ANONYMOUS, ROLES, systemActor, type Actor, type Role } from './actor.js';
import { assertCan, assertCanActFor, can, permissionsOf, ROLE_PERMISSIONS } from './policy.js';

const user = (role: Role, userId = '7'): Actor => ({ kind: 'user', userId, name: `u${userId}`, role, departmentId: null, via: 'token' });
const codeOf = (fn: () => void) => {
  try {
    fn();
    return 'allowed';
  } catch (err) {
    return (err as AppError).code;
  }
};

describe('policy', () => {
  it('answers 401 to the public and 403 to staff without the permission', () => {
    expect(codeOf(() => assertCan(ANONYMOUS, 'kb.write'))).toBe('UNAUTHORIZED');
    expect(codeOf(() => assertCan(user('agent'), 'kb.write'))).toBe('FORBIDDEN');
    expect(codeOf(() => assertCan(user('knowledge-editor'), 'kb.write'))).toBe('allowed');
  });

  it('gives citizens and the public nothing, and every staff role its own tokens and the directory', () => {
    expect(permissionsOf(ANONYMOUS)).toEqual([]);
    expect(ROLE_PERMISSIONS.citizen).toEqual([]);
    for (const role of ROLES.filter((r) => r !== 'citizen')) {
      expect(can(user(role), 'token.create_own'), role).toBe(true);
      expect(can(user(role), 'directory.read'), role).toBe(true);
    }
  });

  it('keeps the auditor read-only and the administrator out of other roles’ casework', () => {
    const writes = ['kb.write', 'user.manage', 'grant.manage', 'department.manage', 'search.synonyms.write'] as const;
    for (const p of writes) expect(can(user('auditor'), p), p).toBe(false);
    for (const p of ['chat.agent', 'hotline.handle', 'prereview.review', 'documents.draft'] as const) expect(can(user('admin'), p), p).toBe(false);
    expect(can(systemActor('cli'), 'user.manage')).toBe(true);
  });

  it('lets a user act for themselves, and only user administrators for someone else', () => {
    expect(codeOf(() => assertCanActFor(user('drafter', '7'), '7'))).toBe('allowed');
    expect(codeOf(() => assertCanActFor(user('drafter', '7'), '8'))).toBe('FORBIDDEN');
    expect(codeOf(() => assertCanActFor(user('admin', '7'), '8'))).toBe('allowed');
    expect(codeOf(() => assertCanActFor(ANONYMOUS, '8'))).toBe('UNAUTHORIZED');
  });
});
