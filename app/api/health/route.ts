import { getDb } from "@/lib/db";
import { withErrorHandling } from "../_lib/with-error-handling";

export const GET = withErrorHandling(async () => {
  const db = await getDb();
  await db.$queryRaw`SELECT 1`;
  return Response.json({ ok: true });
});
