/** The parameters every trends view shares: range (90d, 180d, 1y) and the day it ends on. */
import { z } from "zod";
import { rangeWindow, TREND_RANGES, type TrendRange } from "@/lib/storage-history/series";
import { currentUtcDay } from "@/lib/calendar";
import { daySchema } from "../validation";

const RANGES = Object.keys(TREND_RANGES) as [TrendRange, ...TrendRange[]];

export const trendRangeFields = {
  range: z.enum(RANGES).default("180d"),
  today: daySchema.optional(),
};

export function resolveWindow(params: { range: TrendRange; today?: string }) {
  return { range: params.range, ...rangeWindow(params.range, params.today ?? currentUtcDay()) };
}
