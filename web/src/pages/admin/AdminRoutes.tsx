/** The staff area's routes under /admin, loaded on demand so the public pages stay light. */
import { Route, Routes } from 'react-router-dom';
import { ItemsSituationsListPage, SituationsEditorPage } from '../../guide/SituationsEditorPage.js';
import { NotFoundPage } from '../NotFoundPage.js';
import { AdminHome, AdminLayout, RequirePermission } from './AdminLayout.js';
import { AgentConsolePage } from './AgentConsolePage.js';
import { AuditPage } from './AuditPage.js';
import { AuditRecordPage } from './AuditRecordPage.js';
import { DepartmentsPage } from './DepartmentsPage.js';
import { GrantsPage } from './GrantsPage.js';
import { PasswordPage } from './PasswordPage.js';
import { PrereviewDetailPage } from './PrereviewDetailPage.js';
import { PrereviewQueuePage } from './PrereviewQueuePage.js';
import { PrereviewRulesPage } from './PrereviewRulesPage.js';
import { ReviewPage } from './ReviewPage.js';
import { TokensPage } from './TokensPage.js';
import { UsersPage } from './UsersPage.js';

const SECTIONS = [
  { path: 'users', permission: 'user.manage', page: <UsersPage /> },
  { path: 'departments', permission: 'department.manage', page: <DepartmentsPage /> },
  { path: 'grants', permission: 'grant.read', page: <GrantsPage /> },
  { path: 'tokens', permission: 'token.create_own', page: <TokensPage /> },
  { path: 'audit', permission: 'audit.read', page: <AuditPage /> },
  { path: 'audit/:seq', permission: 'audit.read', page: <AuditRecordPage /> },
  { path: 'agent', permission: 'chat.agent', page: <AgentConsolePage /> },
  { path: 'review', permission: 'assistant.review', page: <ReviewPage /> },
  { path: 'prereview', permission: 'prereview.review', page: <PrereviewQueuePage /> },
  // the rules are read by reviewers and written by knowledge editors (the server checks each)
  { path: 'prereview/rules', permission: 'kb.write', page: <PrereviewRulesPage /> },
  { path: 'prereview/rules/:itemId', permission: 'kb.write', page: <PrereviewRulesPage /> },
  { path: 'items', permission: 'kb.write', page: <ItemsSituationsListPage /> },
  { path: 'items/:id/situations', permission: 'kb.write', page: <SituationsEditorPage /> },
  { path: 'prereview/:id', permission: 'prereview.review', page: <PrereviewDetailPage /> },
];

export default function AdminRoutes() {
  return (
    <Routes>
      <Route element={<AdminLayout />}>
        <Route index element={<AdminHome />} />
        {SECTIONS.map((s) => (
          <Route key={s.path} path={s.path} element={<RequirePermission permission={s.permission}>{s.page}</RequirePermission>} />
        ))}
        <Route path="password" element={<PasswordPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
