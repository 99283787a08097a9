import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../pages/NotFoundPage.js';

/** Pages under /hotline/* (12345 热线). */
export default function HotlineRoutes() {
  return (
    <Routes>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
