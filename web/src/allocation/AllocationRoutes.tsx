/**
 * Pages under /allocation/* (公共资源分配). Public: the rounds, a round's page with the
 * lookup and objections, registration. Staff (/allocation/admin/…): rounds, a new round, one
 * round's administration; each page loads on demand.
 */
import { Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import './allocation.css';

const PublicRoundPage = lazy(() => import('./PublicRoundPage.js'));
const PublicRoundsPage = lazy(() => import('./PublicPages.js').then((m) => ({ default: m.PublicRoundsPage })));
const RegisterPage = lazy(() => import('./PublicPages.js').then((m) => ({ default: m.RegisterPage })));
const RoundAdminPage = lazy(() => import('./RoundAdminPage.js'));
const StaffRoundsPage = lazy(() => import('./StaffPages.js').then((m) => ({ default: m.StaffRoundsPage })));
const NewRoundPage = lazy(() => import('./StaffPages.js').then((m) => ({ default: m.NewRoundPage })));
const RequireAllocationStaff = lazy(() => import('./StaffPages.js').then((m) => ({ default: m.RequireAllocationStaff })));

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spin className="page-spin" />}>{children}</Suspense>;
}

function Staff({ children }: { children: ReactNode }) {
  return (
    <Page>
      <RequireAllocationStaff>{children}</RequireAllocationStaff>
    </Page>
  );
}

export default function AllocationRoutes() {
  return (
    <Routes>
      <Route index element={<Page><PublicRoundsPage /></Page>} />
      <Route path="rounds/:id" element={<Page><PublicRoundPage /></Page>} />
      <Route path="rounds/:id/register" element={<Page><RegisterPage /></Page>} />
      <Route path="admin" element={<Staff><StaffRoundsPage /></Staff>} />
      <Route path="admin/new" element={<Staff><NewRoundPage /></Staff>} />
      <Route path="admin/rounds/:id" element={<Staff><RoundAdminPage /></Staff>} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
