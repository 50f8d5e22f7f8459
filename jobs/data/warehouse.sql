-- The demo warehouse of jobs/warehouse-profiles.yml: an H2 database in memory, configured as the
-- warehouse 'demo' in application.yml. H2 runs this script on every new connection, so it is
-- idempotent (MERGE by key). Ids are skewed like real user ids: 230 packed, 10 far apart.
-- updated_at is UTC wall time (the source's column-zone), spread over the 3 days before today.
CREATE TABLE IF NOT EXISTS members (
	id BIGINT NOT NULL PRIMARY KEY,
	member_id VARCHAR(40) NOT NULL,
	phone VARCHAR(20),
	grade VARCHAR(10),
	points INT,
	city VARCHAR(40),
	marketing_opt_in BOOLEAN,
	updated_at TIMESTAMP(3)
);
MERGE INTO members KEY (id)
SELECT CASE WHEN x <= 230 THEN 100000 + x ELSE x * 1000000000 END,
	'M' || LPAD(CAST(x AS VARCHAR), 6, '0'),
	CASE WHEN MOD(x, 41) = 17 THEN '02-12' ELSE '010' || LPAD(CAST(2000 + x AS VARCHAR), 4, '0')
		|| LPAD(CAST(MOD(x * 7, 10000) AS VARCHAR), 4, '0') END,
	CASE MOD(x, 3) WHEN 0 THEN 'GOLD' WHEN 1 THEN 'SILVER' ELSE 'BRONZE' END,
	MOD(x * 13, 5000),
	CASE MOD(x, 4) WHEN 0 THEN 'Seoul' WHEN 1 THEN 'Busan' WHEN 2 THEN 'Incheon' ELSE 'Daegu' END,
	MOD(x, 5) <> 0,
	DATEADD(MINUTE, -MOD(x * 37, 4320), CAST(CURRENT_DATE AS TIMESTAMP))
FROM SYSTEM_RANGE(1, 240) AS r(x);
