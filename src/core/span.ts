import { z } from "zod";

/** A stretch of the normalised document text: [start, end) in JavaScript string indices. */
export const SpanSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
});
export type Span = z.infer<typeof SpanSchema>;

export function spanOf(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}
