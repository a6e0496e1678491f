import net from "node:net";

/** One message as a mail server received it, with its subject and text decoded. */
export type CapturedMail = { from: string; to: string[]; subject: string; text: string; headers: Record<string, string>; raw: string };

export type SmtpCapture = {
  /** smtp://127.0.0.1:<port>: what SMTP_URL is set to. */
  url: string;
  mails: CapturedMail[];
  /** While set, every recipient is refused (550), as a mail server that rejects the message. */
  refuse: boolean;
  close: () => Promise<void>;
};

/**
 * A tiny SMTP server on 127.0.0.1 for tests: it speaks just enough of RFC 5321 (EHLO, MAIL,
 * RCPT, DATA, RSET, NOOP, QUIT, no TLS, no auth) for nodemailer's SMTP transport, so the portal
 * sends through the same code path as in production, and keeps what it receives.
 */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const capture: SmtpCapture = { url: "", mails: [], refuse: false, close: async () => {} };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.setEncoding("utf8");
    let buffer = "";
    let data: string[] | null = null;
    let from = "";
    let to: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 capture ESMTP");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      let at: number;
      while ((at = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        if (data) {
          if (line === ".") {
            capture.mails.push(parseMessage(from, to, data.join("\r\n")));
            data = null;
            reply("250 2.0.0 queued");
          } else data.push(line.startsWith("..") ? line.slice(1) : line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") socket.write("250-capture\r\n250 8BITMIME\r\n");
        else if (verb === "HELO" || verb === "NOOP") reply("250 OK");
        else if (verb === "RSET") {
          [from, to] = ["", []];
          reply("250 OK");
        } else if (verb === "MAIL") {
          from = address(line);
          to = [];
          reply("250 OK");
        } else if (verb === "RCPT") {
          if (capture.refuse) reply("550 5.1.1 mailbox unavailable");
          else {
            to.push(address(line));
            reply("250 OK");
          }
        } else if (verb === "DATA") {
          data = [];
          reply("354 end with <CRLF>.<CRLF>");
        } else if (verb === "QUIT") {
          reply("221 bye");
          socket.end();
        } else reply("502 not implemented");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  capture.url = `smtp://127.0.0.1:${port}`;
  capture.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return capture;
}

const address = (line: string) => /<([^>]*)>/.exec(line)?.[1] ?? "";

function parseMessage(from: string, to: string[], raw: string): CapturedMail {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  const bytes = encoding === "base64" ? Buffer.from(body.replace(/\s+/g, ""), "base64") : encoding === "quoted-printable" ? quotedPrintable(body) : Buffer.from(body, "utf8");
  return { from, to, subject: decodeWords(headers.subject ?? ""), text: bytes.toString("utf8").replace(/\r\n/g, "\n"), headers, raw };
}

function quotedPrintable(s: string): Buffer {
  const joined = s.replace(/=\r\n/g, "");
  const out: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === "=" && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      out.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(...Buffer.from(joined[i], "utf8"));
  }
  return Buffer.from(out);
}

/** RFC 2047 encoded words (UTF-8, B or Q); adjacent words are one text, split anywhere. */
function decodeWords(s: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  return s
    .replace(/(\?=)\s+(?==\?)/g, "$1")
    .replace(/(?:=\?[^?]+\?[BbQq]\?[^?]*\?=)+/g, (run) => {
      const parts: Buffer[] = [];
      for (const m of run.matchAll(word)) {
        parts.push(m[2].toUpperCase() === "B" ? Buffer.from(m[3], "base64") : quotedPrintable(m[3].replace(/_/g, " ")));
      }
      return Buffer.concat(parts).toString("utf8");
    });
}
