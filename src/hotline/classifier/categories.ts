/** Categories are taxonomy paths "一级/二级/三级"; a training example is a message with one. */
export const CATEGORY_SEPARATOR = '/';

export interface TrainingExample {
  title?: string;
  text: string;
  category: string;
}

export function categoryPath(category: string): string[] {
  return category
    .split(CATEGORY_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean);
}
