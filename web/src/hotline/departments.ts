/** The department tree for choosing a 承办单位, read once per page load (GET /departments). */
import { useEffect, useState } from 'react';
import { listDepartments } from '../api-admin.js';
import { departmentOptions, departmentTree, type TreeOption } from '../departments.js';

let cached: Promise<TreeOption[]> | null = null;

function load(): Promise<TreeOption[]> {
  cached ??= listDepartments().then((items) => departmentOptions(departmentTree(items)));
  // a failed read is asked again next time
  cached.catch(() => (cached = null));
  return cached;
}

/** The tree once `enabled` (a dialog that needs it is open); empty before and on failure. */
export function useDepartments(enabled = true): TreeOption[] {
  const [options, setOptions] = useState<TreeOption[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    load().then(
      (o) => live && setOptions(o),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [enabled]);
  return options;
}
