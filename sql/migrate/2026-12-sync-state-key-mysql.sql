-- Once, for a job repository made before 2026-12 (MySQL 8 / MariaDB 10.6+), with no run in
-- progress: gives AS_SYNC_STATE the primary key (JOB_NAME, DESTINATION, KEY_HASH) and drops
-- the index on SEEN_RUN. The rows are kept; InnoDB rebuilds the table (minutes per 10M keys).
-- A table made from schema-mysql.sql since then has this layout already, and this fails
-- with "Can't DROP INDEX 'AS_SYNC_STATE_SEEN'" without changing anything.
ALTER TABLE AS_SYNC_STATE
	DROP INDEX AS_SYNC_STATE_SEEN,
	DROP PRIMARY KEY,
	ADD PRIMARY KEY (JOB_NAME, DESTINATION, KEY_HASH);
