import { headers } from "next/headers";

/**
 * The CSP nonce proxy.ts issued for this request. Next puts it on its own scripts by itself;
 * a page that renders an inline <style> or <script> of its own passes it on.
 */
export async function requestNonce(): Promise<string | undefined> {
  return (await headers()).get("x-nonce") ?? undefined;
}
