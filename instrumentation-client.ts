// Runs in the browser before the app's own code. zod 4 probes `new Function("")` on first parse
// to decide whether it may compile fast validators; under our Content-Security-Policy (no
// 'unsafe-eval') that probe is reported as a violation even though zod catches it. Validation in
// the browser is only a convenience (the server validates every command), so jitless it is.
import { z } from "zod";

z.config({ jitless: true });
