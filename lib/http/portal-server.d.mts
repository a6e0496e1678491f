import type { IncomingMessage, Server, ServerResponse } from "node:http";

export declare const SOCKET_HEADER: "x-ncrc-client-socket";
export declare const SOCKET_TOKEN_ENV: "NCRC_SOCKET_STAMP";
export declare function issueSocketToken(): string;
export declare function stampSocketAddress(
  req: { headers: Record<string, string | string[] | undefined>; rawHeaders?: string[]; socket?: { remoteAddress?: string } },
  token: string,
): void;
export declare function createPortalServer(handle: (req: IncomingMessage, res: ServerResponse) => unknown, token: string): Server;
