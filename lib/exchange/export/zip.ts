import { once } from "node:events";
import { PassThrough, type Writable } from "node:stream";
import * as archiverModule from "archiver";
import type { Archiver, ArchiverOptions } from "archiver";

type ZipFactory = (format: "zip", options: ArchiverOptions) => Archiver;
// The installed archiver 7 exports its factory function (module.exports = fn); @types/archiver 8
// describes version 8's classes, so the factory is typed here.
const createArchive: ZipFactory = (archiverModule as unknown as { default?: ZipFactory }).default ?? (archiverModule as unknown as ZipFactory);

/** Text is handed to the zip in pieces of about this size: enough to compress well, small enough to stay flat. */
const CHUNK = 64 * 1024;

/**
 * A zip written entry by entry into a sink as it is made, with backpressure all the way: a
 * write waits while the entry, the compressor or the sink is full, so memory holds a few
 * chunks whatever the size of the export. A sink that closes early (a download cancelled)
 * fails the next write instead of leaving it waiting.
 */
export class ZipWriter {
  private readonly archive = createArchive("zip", { zlib: { level: 6 }, highWaterMark: CHUNK });
  private failure: Error | null = null;
  private readonly failed: Promise<never>;
  bytes = 0;

  constructor(private readonly sink: Writable) {
    this.failed = new Promise<never>((_, reject) => {
      const fail = (err: unknown) => {
        this.failure ??= err instanceof Error ? err : new Error(String(err));
        reject(this.failure);
      };
      this.archive.on("error", fail);
      this.archive.on("warning", fail);
      sink.on("error", fail);
      sink.on("close", () => {
        if (!sink.writableFinished) fail(new Error("the download was closed before the export ended"));
      });
    });
    this.failed.catch(() => {});
    this.archive.on("data", (chunk: Buffer) => {
      this.bytes += chunk.length;
    });
    this.archive.pipe(sink);
  }

  private async wait<T>(p: Promise<T>): Promise<T> {
    if (this.failure) throw this.failure;
    return Promise.race([p, this.failed]);
  }

  /** Writes one entry: `fill` puts text into it (awaiting each put) and returns when the entry is complete. */
  async entry(name: string, fill: (put: (text: string) => Promise<void>) => Promise<void>): Promise<void> {
    const pass = new PassThrough({ highWaterMark: CHUNK });
    const done = once(this.archive, "entry");
    done.catch(() => {});
    this.archive.append(pass, { name });
    let pending = "";
    const flush = async () => {
      if (!pending) return;
      const ok = pass.write(pending);
      pending = "";
      if (!ok) await this.wait(once(pass, "drain"));
    };
    await fill(async (text) => {
      pending += text;
      if (pending.length >= CHUNK) await flush();
    });
    await flush();
    pass.end();
    await this.wait(done);
  }

  /** Ends the zip and waits until the sink has taken all of it. */
  async finish(): Promise<void> {
    await this.wait(this.archive.finalize());
    if (!this.sink.writableFinished) await this.wait(once(this.sink, "finish"));
  }
}
