// zod compiles object parsers with `new Function` where eval is allowed, and finds out by trying
// `new Function("")` once: under the window's CSP (script-src 'self', no 'unsafe-eval') that
// probe is refused — caught by zod, but reported as a securitypolicyviolation on every start.
// Jitless mode skips the probe (zod v4 core/util.js `allowsEval`). It must run before any schema
// is built, so main.tsx imports this module first.
import { z } from 'zod';

z.config({ jitless: true });
