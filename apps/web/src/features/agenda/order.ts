// Moving one item of an ordered list (the agenda's accepted items), by buttons, arrow keys or
// drag and drop: the new order of ids, or null when nothing moves.
export function moveItem(ids: readonly string[], id: string, to: number): string[] | null {
  const from = ids.indexOf(id);
  if (from < 0) return null;
  const target = Math.max(0, Math.min(ids.length - 1, to));
  if (target === from) return null;
  const next = ids.filter((x) => x !== id);
  next.splice(target, 0, id);
  return next;
}
