// What the window shows of a downloaded update: the banner's sentence and its version.
import { z } from 'zod';

export const UpdateOffer = z.object({
  version: z.string().min(1).max(64),
  /** "Mission Tray 0.3 is ready — restart to update". */
  message: z.string().min(1).max(200),
});
export type UpdateOffer = z.infer<typeof UpdateOffer>;
