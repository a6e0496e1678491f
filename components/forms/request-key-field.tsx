"use client";

import * as React from "react";
import { useFormResult } from "@/components/forms/action-form";
import { newRequestKey } from "@/lib/validation/request-key";

/**
 * The hidden `requestKey` of a form that creates something. Minted in the browser after mount
 * (a key rendered on the server and again on the client would differ and break hydration), and
 * minted again after each success: until then a double click, a retry or a re-sent request
 * carries the same key and the server creates the record once (lib/actions/request-keys.ts);
 * the next entry on the same page is a new request. Goes inside an ActionForm.
 */
export function RequestKeyField() {
  const state = useFormResult();
  const [key, setKey] = React.useState("");
  React.useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- one extra render, on purpose: the key must not exist while the server renders (it would differ on hydration), and changes only after a success
    if (state === null || state.ok) setKey(newRequestKey());
  }, [state]);
  return <input type="hidden" name="requestKey" value={key} data-testid="request-key" />;
}
