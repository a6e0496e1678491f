import { getTranslations } from "next-intl/server";
import { demoAccountsIfLoaded } from "@/seed/demo-accounts";

/**
 * The demo accounts, while the demo data is loaded. Its own Suspense boundary on the login page:
 * until the marker is known (it is asked of the database until it is found, then remembered by
 * the process) the form is already there, never waiting behind a running statement.
 */
export async function DemoAccountsPanel() {
  const demo = await demoAccountsIfLoaded();
  if (!demo) return null;
  const t = await getTranslations("auth");
  const tc = await getTranslations("common");
  return (
    <section className="flex-1 rounded-lg border border-border bg-card p-4" aria-labelledby="demo-accounts">
      <h2 id="demo-accounts" className="font-semibold">
        {t("demoAccounts")}
      </h2>
      <p className="mb-2 text-sm text-muted-foreground">{t("demoPassword", { password: demo.password })}</p>
      <ul className="space-y-1 text-sm">
        {demo.accounts.map((a) => (
          <li key={a.email} className="flex flex-wrap gap-x-2">
            <code className="font-mono">{a.email}</code>
            <span className="text-muted-foreground">
              {tc(`roles.${a.role}`)} · {a.centreCode}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
