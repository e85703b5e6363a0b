import { z } from "zod";

/** Every machine-made item starts `proposed`; analysts accept, edit or reject it. */
export const ReviewStateSchema = z.enum(["proposed", "accepted", "edited", "rejected"]);
export type ReviewState = z.infer<typeof ReviewStateSchema>;
