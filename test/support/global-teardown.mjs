/** Stops the embedded PostgreSQL the global setup started. */
export default async function globalTeardown() {
  await globalThis.__CARELINE_PG__?.stop();
}
