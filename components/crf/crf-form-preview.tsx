"use client";

import type { EntryFormDef } from "@/lib/crf/entry";
import { networkToday, toNetworkLocal } from "@/lib/time/network-day";
import { CrfForm } from "@/components/crf/crf-form";
import { CrfFormProvider } from "@/components/crf/crf-form-context";
import { enterToNext } from "@/components/crf/enter-to-next";
import { useLiveEntry } from "@/components/crf/use-live-entry";
import type { EntryValues } from "@/components/crf/entry-values";

/**
 * A form as site staff will see it, filled in locally and never saved: live branching,
 * calculations and messages with the same rules. For the designer's preview (either language).
 */
export function CrfFormPreview({ form, locale, sample }: { form: EntryFormDef; locale: string; sample?: EntryValues }) {
  const now = new Date();
  const { state } = useLiveEntry({ form, locale, initialValues: sample, today: networkToday(now), now: toNetworkLocal(now).replace("T", " ") });
  return (
    <div onKeyDown={enterToNext} data-testid="crf-form-preview">
      <CrfFormProvider state={state}>
        <CrfForm form={form} />
      </CrfFormProvider>
    </div>
  );
}
