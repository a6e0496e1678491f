import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  addressLimitKey,
  clientAddress,
  normaliseAddress,
  parseProxyTrust,
  resolveClientAddress,
  stampedSocketAddress,
} from "@/lib/http/client-address";
import { createPortalServer, SOCKET_HEADER, SOCKET_TOKEN_ENV, stampSocketAddress } from "@/lib/http/portal-server.mjs";

afterEach(() => {
  vi.unstubAllEnvs();
});

const none = parseProxyTrust({});

describe("the client address without a proxy setting", () => {
  it("is the socket's, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.7", "1.2.3.4", none)).toBe("203.0.113.7");
    expect(resolveClientAddress("::ffff:203.0.113.7", "1.2.3.4, 5.6.7.8", none)).toBe("203.0.113.7");
    expect(resolveClientAddress("2001:DB8::1", null, none)).toBe("2001:db8::1");
  });

  it("is the stamped socket only when the stamp carries this process's token", () => {
    const env = { [SOCKET_TOKEN_ENV]: "tok-123" };
    expect(stampedSocketAddress({ [SOCKET_HEADER]: "tok-123 198.51.100.4" }, env)).toBe("198.51.100.4");
    expect(stampedSocketAddress({ [SOCKET_HEADER]: "tok-124 198.51.100.4" }, env)).toBeNull();
    expect(stampedSocketAddress({ [SOCKET_HEADER]: "198.51.100.4" }, env)).toBeNull();
    // A server started without the stamping wrapper trusts no stamp at all.
    expect(stampedSocketAddress({ [SOCKET_HEADER]: "tok-123 198.51.100.4" }, {})).toBeNull();
    // Behind the wrapper, a forged X-Forwarded-For changes nothing.
    expect(clientAddress({ [SOCKET_HEADER]: "tok-123 198.51.100.4", "x-forwarded-for": "10.9.9.9" }, env)).toBe("198.51.100.4");
    // Behind the wrapper, a request without a valid stamp is "unknown", never the header's word.
    expect(clientAddress({ [SOCKET_HEADER]: "forged 10.1.1.1", "x-forwarded-for": "10.9.9.9" }, env)).toBe("unknown");
  });
});

describe("TRUSTED_PROXIES", () => {
  const trust = parseProxyTrust({ TRUSTED_PROXIES: "10.0.0.0/8, 192.0.2.10 fd00::/8" });

  it("takes the right-most hop that is not a trusted proxy", () => {
    // client → 192.0.2.10 (edge) → 10.1.2.3 (internal) → portal
    expect(resolveClientAddress("10.1.2.3", "forged-by-client, 198.51.100.9, 192.0.2.10", trust)).toBe("198.51.100.9");
    expect(resolveClientAddress("10.1.2.3", "8.8.8.8, 198.51.100.9", trust)).toBe("198.51.100.9");
    expect(resolveClientAddress("fd00::5", "[2001:db8::7]:4431", trust)).toBe("2001:db8::7");
  });

  it("ignores the header when the socket is not a trusted proxy", () => {
    expect(resolveClientAddress("203.0.113.50", "10.0.0.1, 198.51.100.9", trust)).toBe("203.0.113.50");
  });

  it("stops at the hop that reported an unreadable entry, and at the left end", () => {
    expect(resolveClientAddress("10.1.2.3", "not-an-ip", trust)).toBe("10.1.2.3");
    expect(resolveClientAddress("10.1.2.3", "192.0.2.10", trust)).toBe("192.0.2.10");
    expect(resolveClientAddress("10.1.2.3", null, trust)).toBe("10.1.2.3");
  });

  it("knows the aliases loopback and private, and refuses what is not an address", () => {
    const t = parseProxyTrust({ TRUSTED_PROXIES: "loopback" });
    expect(resolveClientAddress("127.0.0.1", "198.51.100.1", t)).toBe("198.51.100.1");
    expect(resolveClientAddress("::1", "198.51.100.1", t)).toBe("198.51.100.1");
    expect(() => parseProxyTrust({ TRUSTED_PROXIES: "proxy.example.org" })).toThrow(/TRUSTED_PROXIES: "proxy.example.org" is not an IP address/);
    expect(() => parseProxyTrust({ TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseProxyTrust({ TRUSTED_PROXIES: "10.0.0.1", TRUSTED_PROXY_HOPS: "1" })).toThrow(/both set/);
  });
});

describe("TRUSTED_PROXY_HOPS", () => {
  it("steps left over exactly that many proxies", () => {
    const one = parseProxyTrust({ TRUSTED_PROXY_HOPS: "1" });
    expect(resolveClientAddress("10.0.0.2", "forged, 198.51.100.9", one)).toBe("198.51.100.9");
    const two = parseProxyTrust({ TRUSTED_PROXY_HOPS: "2" });
    expect(resolveClientAddress("10.0.0.2", "forged, 198.51.100.9, 10.0.0.1", two)).toBe("198.51.100.9");
    expect(resolveClientAddress("10.0.0.2", "198.51.100.9", two)).toBe("198.51.100.9");
    expect(parseProxyTrust({ TRUSTED_PROXY_HOPS: "0" })).toEqual({ kind: "none" });
    expect(() => parseProxyTrust({ TRUSTED_PROXY_HOPS: "one" })).toThrow(/TRUSTED_PROXY_HOPS must be a whole number/);
  });
});

describe("addresses", () => {
  it("are normalised before they are compared or stored", () => {
    expect(normaliseAddress("198.51.100.9:5123")).toBe("198.51.100.9");
    expect(normaliseAddress(" [2001:db8::1]:443 ")).toBe("2001:db8::1");
    expect(normaliseAddress("::ffff:10.0.0.1")).toBe("10.0.0.1");
    expect(normaliseAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normaliseAddress("evil<script>")).toBeNull();
    expect(normaliseAddress("")).toBeNull();
  });

  it("are counted per /64 for IPv6, per address for IPv4", () => {
    expect(addressLimitKey("198.51.100.9")).toBe("198.51.100.9");
    expect(addressLimitKey("2001:db8:1:2::1")).toBe("2001:0db8:0001:0002::/64");
    expect(addressLimitKey("2001:db8:1:2:ffff:1:2:3")).toBe("2001:0db8:0001:0002::/64");
    expect(addressLimitKey("::1")).toBe("0000:0000:0000:0000::/64");
  });
});

describe("the portal's server", () => {
  it("replaces any incoming stamp with the socket's address, on a real connection", async () => {
    const seen: Array<Record<string, unknown>> = [];
    const server = createPortalServer((req, res) => {
      seen.push({ ...req.headers, raw: req.rawHeaders.filter((h) => h.toLowerCase() === SOCKET_HEADER) });
      res.end("ok");
    }, "tok-xyz");
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { [SOCKET_HEADER]: "tok-xyz 10.66.66.66", "X-Forwarded-For": "10.77.77.77" },
      });
      expect(await res.text()).toBe("ok");
    } finally {
      server.close();
    }
    expect(seen).toHaveLength(1);
    expect(seen[0][SOCKET_HEADER]).toBe("tok-xyz 127.0.0.1");
    expect(seen[0].raw).toEqual([]);
    const env = { [SOCKET_TOKEN_ENV]: "tok-xyz" };
    expect(clientAddress(seen[0], env)).toBe("127.0.0.1");
    // With the loopback proxy trusted, the same request is the hop it names.
    expect(clientAddress(seen[0], { ...env, TRUSTED_PROXIES: "loopback" })).toBe("10.77.77.77");
  });

  it("drops a stamp even when the socket has no address", () => {
    const req = { headers: { [SOCKET_HEADER]: "x 1.1.1.1" } as Record<string, string | undefined>, rawHeaders: [SOCKET_HEADER, "x 1.1.1.1"], socket: {} };
    stampSocketAddress(req, "t");
    expect(req.headers[SOCKET_HEADER]).toBeUndefined();
    expect(req.rawHeaders).toEqual([]);
  });
});
