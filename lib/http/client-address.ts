import { timingSafeEqual } from "node:crypto";
import { BlockList, isIP } from "node:net";
import { SOCKET_HEADER, SOCKET_TOKEN_ENV } from "@/lib/http/portal-server.mjs";

/**
 * Who is on the other end: the address the sign-in limits count and the audit trail records.
 *
 * The socket's address, as the portal's server stamped it (lib/http/portal-server.mjs).
 * X-Forwarded-For counts only when the operator says which hops to trust — TRUSTED_PROXIES
 * (addresses and CIDR ranges) or TRUSTED_PROXY_HOPS (how many proxies stand in front) — and then
 * only up to the right-most hop that is not trusted: everything left of it was written by
 * someone we do not trust, and is ignored.
 */

export type ProxyTrust =
  | { kind: "none" }
  | { kind: "list"; list: BlockList; source: string }
  | { kind: "hops"; hops: number };

type Env = Record<string, string | undefined>;
type HeaderBag = Headers | Record<string, unknown>;

const ALIASES: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  private: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
};

/** Reads TRUSTED_PROXIES / TRUSTED_PROXY_HOPS; throws a message naming the bad value. */
export function parseProxyTrust(env: Env = process.env): ProxyTrust {
  const listText = env.TRUSTED_PROXIES?.trim() ?? "";
  const hopsText = env.TRUSTED_PROXY_HOPS?.trim() ?? "";
  if (listText && hopsText) {
    throw new Error("TRUSTED_PROXIES and TRUSTED_PROXY_HOPS are both set. Set one of them: the proxies' addresses, or how many stand in front of the portal.");
  }
  if (hopsText) {
    if (!/^\d+$/.test(hopsText) || Number(hopsText) > 16) {
      throw new Error(`TRUSTED_PROXY_HOPS must be a whole number of proxies between 0 and 16 (got "${hopsText}").`);
    }
    const hops = Number(hopsText);
    return hops === 0 ? { kind: "none" } : { kind: "hops", hops };
  }
  if (!listText) return { kind: "none" };
  const list = new BlockList();
  for (const raw of listText.split(/[\s,]+/).filter(Boolean)) {
    for (const entry of ALIASES[raw.toLowerCase()] ?? [raw]) addEntry(list, entry, raw);
  }
  return { kind: "list", list, source: listText };
}

function addEntry(list: BlockList, entry: string, raw: string): void {
  const [addr, prefixText, extra] = entry.split("/");
  const address = normaliseAddress(addr);
  const family = address ? isIP(address) : 0;
  const max = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d+$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!address || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
    throw new Error(`TRUSTED_PROXIES: "${raw}" is not an IP address, a CIDR range (10.0.0.0/8, fd00::/8), "loopback" or "private".`);
  }
  list.addSubnet(address, prefix, family === 4 ? "ipv4" : "ipv6");
}

let cached: { key: string; trust: ProxyTrust } | null = null;

/** The process's setting, parsed once per value. */
export function proxyTrust(env: Env = process.env): ProxyTrust {
  const key = `${env.TRUSTED_PROXIES ?? ""}\u0000${env.TRUSTED_PROXY_HOPS ?? ""}`;
  if (cached?.key !== key) cached = { key, trust: parseProxyTrust(env) };
  return cached.trust;
}

/**
 * One address as it appears in a header or on a socket, in the form we compare and store:
 * "[v6]:port" and "v4:port" lose the port, IPv4-mapped IPv6 becomes IPv4, IPv6 is lower case.
 * Null for anything that is not an address.
 */
export function normaliseAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim().replace(/^"(.*)"$/, "$1");
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  s = s.replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (mapped) s = mapped[1];
  return isIP(s) ? s : null;
}

function isTrusted(trust: ProxyTrust & { kind: "list" }, address: string): boolean {
  return trust.list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address from the socket's address and the X-Forwarded-For it arrived with.
 * Hops are read right to left (the socket first, then the header's last entry…): with a list,
 * we step left past every trusted hop and stop at the first untrusted one; with a count, we step
 * left over that many proxies. An unreadable entry stops the walk at the hop that reported it.
 */
export function resolveClientAddress(socket: string | null, forwardedFor: string | null, trust: ProxyTrust): string | null {
  const origin = normaliseAddress(socket);
  if (!origin || trust.kind === "none") return origin;
  const hops = [origin, ...(forwardedFor ?? "").split(",").reverse().map((h) => normaliseAddress(h))];
  let i = 0;
  if (trust.kind === "list") {
    while (i + 1 < hops.length && hops[i + 1] && isTrusted(trust, hops[i] as string)) i++;
  } else {
    while (i < trust.hops && i + 1 < hops.length && hops[i + 1]) i++;
  }
  return hops[i];
}

function header(headers: HeaderBag, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const v = headers[name];
  if (Array.isArray(v)) return v.join(", ");
  return typeof v === "string" ? v : null;
}

/** The socket address stamped by the portal's server, if the stamp carries this process's token. */
export function stampedSocketAddress(headers: HeaderBag, env: Env = process.env): string | null {
  const token = env[SOCKET_TOKEN_ENV];
  const stamp = header(headers, SOCKET_HEADER);
  if (!token || !stamp) return null;
  const space = stamp.indexOf(" ");
  if (space < 0) return null;
  const given = Buffer.from(stamp.slice(0, space));
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return normaliseAddress(stamp.slice(space + 1));
}

/** Whether this process runs behind the stamping server (startup refuses production without it). */
export function socketStampActive(env: Env = process.env): boolean {
  return Boolean(env[SOCKET_TOKEN_ENV]);
}

/**
 * The client address of a request, from its headers. Without the stamping server (`next dev`,
 * a bare `next start`) the socket is unknown to a route handler; the right-most X-Forwarded-For
 * entry then stands in for it, which is what Next fills from the socket when the client sent
 * none — a client can forge it, so production refuses to start that way (lib/auth/security-settings.ts).
 */
export function clientAddress(headers: HeaderBag, env: Env = process.env): string {
  const forwardedFor = header(headers, "x-forwarded-for");
  const socket = stampedSocketAddress(headers, env) ?? (socketStampActive(env) ? null : lastEntry(forwardedFor));
  return resolveClientAddress(socket, forwardedFor, proxyTrust(env)) ?? "unknown";
}

function lastEntry(list: string | null): string | null {
  const parts = (list ?? "").split(",");
  return parts[parts.length - 1]?.trim() || null;
}

/**
 * The key the per-address sign-in limit counts under. IPv6 clients usually hold a whole /64, so
 * rotating through it must not buy fresh attempts: they are counted per /64.
 */
export function addressLimitKey(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address).slice(0, 4).join(":")}::/64`;
}

function expandIpv6(address: string): string[] {
  let s = address;
  const v4 = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (v4) {
    const [a, b, c, d] = v4[1].split(".").map(Number);
    s = s.slice(0, -v4[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? [] : tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...fill, ...right].map((p) => p.padStart(4, "0"));
}
