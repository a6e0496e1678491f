/** The path of an item: its name, or "group.row.item" inside a repeating group (rows from 1). */
export function itemPath(item: string, group?: { name: string; row: number }): string {
  return group ? `${group.name}.${group.row}.${item}` : item;
}

/** The item name a path ends with ("lesions.2.diameter" → "diameter"). */
export function itemOfPath(path: string): string {
  const parts = path.split(".");
  return parts[parts.length - 1];
}

/** The key under which a group row's value is seen by aggregates outside the group. */
export function rowKey(item: string, row: number): string {
  return `${item}#${row}`;
}
