import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { storagePath } from "@/lib/biobank/location";
import { storageTree } from "@/lib/biobank/queries/storage";
import { BiobankTabs } from "@/app/(portal)/biobank/_components/biobank-tabs";
import { createBoxAction, createFreezerAction, createRackAction } from "@/app/(portal)/biobank/storage/actions";

export default async function StoragePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "biobank.storage.manage")) notFound();
  const [t, sp, freezers] = [await getTranslations("biobank"), await searchParams, await storageTree(actor)];
  const selected = freezers.find((f) => String(f.id) === sp.freezer) ?? freezers[0];
  const racks = freezers.flatMap((f) => f.racks.map((r) => ({ value: String(r.id), label: storagePath(f.centreCode, f.code, r.code) })));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("storage.heading")}</h1>
      <BiobankTabs actor={actor} current="storage" />
      {freezers.length === 0 ? <p className="text-sm text-muted-foreground" data-testid="storage-none">{t("storage.none")}</p> : null}
      <div className="grid gap-4 lg:grid-cols-[14rem_1fr]">
        <ul className="space-y-1 text-sm" aria-label={t("storage.freezer")}>
          {freezers.map((f) => (
            <li key={f.id}>
              <Link
                prefetch={false}
                href={`/biobank/storage?freezer=${f.id}`}
                aria-current={f.id === selected?.id ? "page" : undefined}
                className={f.id === selected?.id ? "font-semibold text-primary" : "text-foreground hover:text-primary"}
              >
                {storagePath(f.centreCode, f.code)} · {f.name} ({f.temperatureC} °C)
              </Link>
            </li>
          ))}
        </ul>
        {selected ? (
          <div className="space-y-3">
            {selected.racks.map((r) => (
              <Card key={r.id}>
                <CardHeader><CardTitle>{t("storage.rack")} {storagePath(selected.code, r.code)}</CardTitle></CardHeader>
                <CardContent>
                  <ul className="flex flex-wrap gap-2">
                    {r.boxes.map((b) => (
                      <li key={b.id}>
                        <Link prefetch={false} href={`/biobank/storage/boxes/${b.id}`} className="block rounded-md border border-border px-2 py-1 text-xs hover:border-primary" data-testid={`box-${b.code}`}>
                          <span className="font-medium">{b.code}</span>{" "}
                          <span className="text-muted-foreground">{t("storage.used", { used: b.used, size: b.rows * b.cols })}</span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                </CardContent>
              </Card>
            ))}
          </div>
        ) : null}
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        <Card>
          <CardHeader><CardTitle>{t("storage.newFreezer")}</CardTitle></CardHeader>
          <CardContent>
            <ActionForm action={createFreezerAction} resetOnSuccess id="new-freezer">
              <TextField name="code" id="new-freezer-code" label={t("storage.code")} />
              <TextField name="name" id="new-freezer-name" label={t("storage.name")} />
              <TextField name="temperatureC" id="new-freezer-temperature" type="number" label={t("storage.temperature")} defaultValue="-80" />
              <SubmitButton>{t("storage.add")}</SubmitButton>
            </ActionForm>
          </CardContent>
        </Card>
        <Card>
          <CardHeader><CardTitle>{t("storage.newRack")}</CardTitle></CardHeader>
          <CardContent>
            <ActionForm action={createRackAction} resetOnSuccess id="new-rack">
              <SelectField name="freezerId" id="new-rack-freezer" label={t("storage.freezer")} options={freezers.map((f) => ({ value: String(f.id), label: storagePath(f.centreCode, f.code) }))} />
              <TextField name="code" id="new-rack-code" label={t("storage.code")} />
              <SubmitButton>{t("storage.add")}</SubmitButton>
            </ActionForm>
          </CardContent>
        </Card>
        <Card>
          <CardHeader><CardTitle>{t("storage.newBox")}</CardTitle></CardHeader>
          <CardContent>
            <ActionForm action={createBoxAction} resetOnSuccess id="new-box">
              <SelectField name="rackId" id="new-box-rack" label={t("storage.rack")} options={racks} />
              <TextField name="code" id="new-box-code" label={t("storage.code")} />
              <div className="grid grid-cols-2 gap-2">
                <TextField name="rows" id="new-box-rows" type="number" label={t("storage.rows")} defaultValue="9" />
                <TextField name="cols" id="new-box-cols" type="number" label={t("storage.cols")} defaultValue="9" />
              </div>
              <SubmitButton>{t("storage.add")}</SubmitButton>
            </ActionForm>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
