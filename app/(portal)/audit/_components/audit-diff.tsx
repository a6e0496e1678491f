import type { ReadableEntry } from "@/lib/audit/diff";

/** Before → after per field, as translated labels and readable values; unchanged fields are dimmed. */
export function AuditDiff({ entries }: { entries: ReadableEntry[] }) {
  if (!entries.length) return null;
  return (
    <ul className="space-y-0.5 text-xs">
      {entries.map((e) => (
        <li key={e.key} className={e.changed ? "" : "text-muted-foreground"}>
          <span className="font-semibold">{e.label}</span>:{" "}
          {e.before !== null && e.changed ? (
            <>
              <del className="text-red-800">{e.before}</del> →{" "}
            </>
          ) : null}
          <span className="break-words">{e.after ?? "—"}</span>
        </li>
      ))}
    </ul>
  );
}
