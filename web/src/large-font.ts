import { useCallback, useEffect, useState } from 'react';

const KEY = 'xz.largeFont';

function stored(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

/** 适老化大字版: persisted in localStorage, applied as a class on <html> for styles.css. */
export function useLargeFont(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(stored);
  useEffect(() => {
    document.documentElement.classList.toggle('large-font', on);
  }, [on]);
  const set = useCallback((value: boolean) => {
    setOn(value);
    try {
      localStorage.setItem(KEY, value ? '1' : '0');
    } catch {
      // private mode: the toggle still works for this page view
    }
  }, []);
  return [on, set];
}
