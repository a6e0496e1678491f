import { diffEntries } from "@/lib/audit/diff";

/** Before → after per field; unchanged fields are dimmed. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const entries = diffEntries(before, after);
  if (!entries.length) return null;
  return (
    <ul className="space-y-0.5 font-mono text-xs">
      {entries.map((e) => (
        <li key={e.key} className={e.changed ? "" : "text-muted-foreground"}>
          <span className="font-semibold">{e.key}</span>:{" "}
          {e.before !== null && e.changed ? (
            <>
              <del className="text-red-800">{e.before}</del> →{" "}
            </>
          ) : null}
          <span className="break-all">{e.after ?? "∅"}</span>
        </li>
      ))}
    </ul>
  );
}
