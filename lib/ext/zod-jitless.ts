/**
 * Import first in every extension context. zod compiles fast parsers with `new Function`
 * unless told not to; the extension's CSP forbids eval, so the attempt would only fail and
 * log a CSP violation (Chrome lists those on the extension's error page). jitless mode
 * parses the same, without the attempt.
 */
import { z } from 'zod';

z.config({ jitless: true });
