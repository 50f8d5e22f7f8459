// Writes duckdb-{snappy,zstd,gzip}.parquet here: npm install @duckdb/node-api; node duckdb.mjs <this folder>
import { DuckDBInstance } from '@duckdb/node-api';
const out = process.argv[2];
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
await c.run(`SET TimeZone='UTC'`);
await c.run(`CREATE TABLE members AS SELECT
  'm-' || i AS member_id,
  '010-' || lpad(((i // 10000))::VARCHAR, 4, '0') || '-' || lpad((i % 10000)::VARCHAR, 4, '0') AS phone,
  CASE WHEN i % 3 = 0 THEN 'GOLD' ELSE 'SILVER' END AS grade,
  CASE WHEN i % 7 = 0 THEN NULL ELSE i * 10 END::BIGINT AS points,
  (i * 1.5)::DECIMAL(18,3) AS balance,
  DATE '1985-03-01' + (i % 365)::INTEGER AS birthday,
  TIMESTAMP '2026-11-22 03:00:00' + (i * INTERVAL 1 SECOND) AS local_time,
  TIMESTAMPTZ '2026-11-22 03:00:00+00' + (i * INTERVAL 1 SECOND) AS joined,
  i % 2 = 0 AS opted_in,
  ['t' || (i % 5), 'all'] AS tags,
  {'city': CASE WHEN i % 2 = 0 THEN 'Seoul' ELSE 'Busan' END, 'zip': NULL::VARCHAR} AS address,
  MAP {'email': i % 2, 'sms': 1} AS prefs,
  '00000000-0000-0000-0000-' || lpad(i::VARCHAR, 12, '0') AS uid_text,
  ('00000000-0000-0000-0000-' || lpad(i::VARCHAR, 12, '0'))::UUID AS uid,
  (i / 4.0)::DOUBLE AS score
FROM range(2500) t(i)`);
for (const codec of ['snappy', 'zstd', 'gzip']) {
  await c.run(`COPY members TO '${out}/duckdb-${codec}.parquet' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 1000)`);
}
console.log('ok');
