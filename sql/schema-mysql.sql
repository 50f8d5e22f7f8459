-- audience-sync job repository schema for mysql: Spring Batch 6.0.6's schema-mysql.sql made idempotent
-- (CREATE ... IF NOT EXISTS) plus this project's own tables. Safe to apply on every start.
-- Apply by hand: see docs/configuration.md, MySQL requirements. Applied on start when spring.batch.jdbc.initialize-schema=always.

-- Processes that start at once (a Deployment's workers, two CronJobs) apply it one at a time: a
-- named lock of this session, held until the last statement (or the session's end), waited
-- for up to 2 minutes. Without it, two sessions seeding the sequences deadlock, and two that
-- find a column missing both add it.
DO GET_LOCK('audience_sync_schema', 120);

CREATE TABLE IF NOT EXISTS BATCH_JOB_INSTANCE (
	JOB_INSTANCE_ID BIGINT  NOT NULL PRIMARY KEY,
	VERSION BIGINT,
	JOB_NAME VARCHAR(100) NOT NULL,
	JOB_KEY VARCHAR(32) NOT NULL,
	constraint JOB_INST_UN unique (JOB_NAME, JOB_KEY)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS BATCH_JOB_EXECUTION (
	JOB_EXECUTION_ID BIGINT  NOT NULL PRIMARY KEY,
	VERSION BIGINT,
	JOB_INSTANCE_ID BIGINT NOT NULL,
	CREATE_TIME DATETIME(6) NOT NULL,
	START_TIME DATETIME(6) DEFAULT NULL,
	END_TIME DATETIME(6) DEFAULT NULL,
	STATUS VARCHAR(10),
	EXIT_CODE VARCHAR(2500),
	EXIT_MESSAGE VARCHAR(2500),
	LAST_UPDATED DATETIME(6),
	constraint JOB_INST_EXEC_FK foreign key (JOB_INSTANCE_ID)
	references BATCH_JOB_INSTANCE(JOB_INSTANCE_ID)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS BATCH_JOB_EXECUTION_PARAMS (
	JOB_EXECUTION_ID BIGINT NOT NULL,
	PARAMETER_NAME VARCHAR(100) NOT NULL,
	PARAMETER_TYPE VARCHAR(100) NOT NULL,
	PARAMETER_VALUE VARCHAR(2500),
	IDENTIFYING CHAR(1) NOT NULL,
	constraint JOB_EXEC_PARAMS_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS BATCH_STEP_EXECUTION (
	STEP_EXECUTION_ID BIGINT  NOT NULL PRIMARY KEY,
	VERSION BIGINT NOT NULL,
	STEP_NAME VARCHAR(100) NOT NULL,
	JOB_EXECUTION_ID BIGINT NOT NULL,
	CREATE_TIME DATETIME(6) NOT NULL,
	START_TIME DATETIME(6) DEFAULT NULL,
	END_TIME DATETIME(6) DEFAULT NULL,
	STATUS VARCHAR(10),
	COMMIT_COUNT BIGINT,
	READ_COUNT BIGINT,
	FILTER_COUNT BIGINT,
	WRITE_COUNT BIGINT,
	READ_SKIP_COUNT BIGINT,
	WRITE_SKIP_COUNT BIGINT,
	PROCESS_SKIP_COUNT BIGINT,
	ROLLBACK_COUNT BIGINT,
	EXIT_CODE VARCHAR(2500),
	EXIT_MESSAGE VARCHAR(2500),
	LAST_UPDATED DATETIME(6),
	constraint JOB_EXEC_STEP_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS BATCH_STEP_EXECUTION_CONTEXT (
	STEP_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
	SHORT_CONTEXT VARCHAR(2500) NOT NULL,
	SERIALIZED_CONTEXT TEXT,
	constraint STEP_EXEC_CTX_FK foreign key (STEP_EXECUTION_ID)
	references BATCH_STEP_EXECUTION(STEP_EXECUTION_ID)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS BATCH_JOB_EXECUTION_CONTEXT (
	JOB_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
	SHORT_CONTEXT VARCHAR(2500) NOT NULL,
	SERIALIZED_CONTEXT TEXT,
	constraint JOB_EXEC_CTX_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS BATCH_STEP_EXECUTION_SEQ (
	ID BIGINT NOT NULL,
	UNIQUE_KEY CHAR(1) NOT NULL,
	constraint UNIQUE_KEY_UN unique (UNIQUE_KEY)
) ENGINE=InnoDB;

INSERT INTO BATCH_STEP_EXECUTION_SEQ (ID, UNIQUE_KEY) select * from (select 0 as ID, '0' as UNIQUE_KEY) as tmp where not exists(select * from BATCH_STEP_EXECUTION_SEQ);

CREATE TABLE IF NOT EXISTS BATCH_JOB_EXECUTION_SEQ (
	ID BIGINT NOT NULL,
	UNIQUE_KEY CHAR(1) NOT NULL,
	constraint UNIQUE_KEY_UN unique (UNIQUE_KEY)
) ENGINE=InnoDB;

INSERT INTO BATCH_JOB_EXECUTION_SEQ (ID, UNIQUE_KEY) select * from (select 0 as ID, '0' as UNIQUE_KEY) as tmp where not exists(select * from BATCH_JOB_EXECUTION_SEQ);

CREATE TABLE IF NOT EXISTS BATCH_JOB_INSTANCE_SEQ (
	ID BIGINT NOT NULL,
	UNIQUE_KEY CHAR(1) NOT NULL,
	constraint UNIQUE_KEY_UN unique (UNIQUE_KEY)
) ENGINE=InnoDB;

INSERT INTO BATCH_JOB_INSTANCE_SEQ (ID, UNIQUE_KEY) select * from (select 0 as ID, '0' as UNIQUE_KEY) as tmp where not exists(select * from BATCH_JOB_INSTANCE_SEQ);

-- Rows that did not reach the vendor: bad source rows (stage TRANSFORM) and rows the vendor refused
-- (stage VENDOR). row_masked holds no plaintext PII: key fields masked, property names only.
CREATE TABLE IF NOT EXISTS AS_REJECTED_ROW (
	ID BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	JOB_EXECUTION_ID BIGINT NOT NULL,
	JOB_NAME VARCHAR(100) NOT NULL,
	RUN_KEY VARCHAR(100) NOT NULL,
	PARTITION_NAME VARCHAR(100) NOT NULL,
	SOURCE VARCHAR(1000) NOT NULL,
	POSITION BIGINT NOT NULL,
	DESTINATION VARCHAR(100) NOT NULL,
	STAGE VARCHAR(16) NOT NULL,
	REASON_CODE VARCHAR(64) NOT NULL,
	MESSAGE VARCHAR(1000) NOT NULL,
	ROW_MASKED VARCHAR(2000),
	CREATED_AT DATETIME(6) NOT NULL,
	INDEX AS_REJECTED_ROW_JOB (JOB_NAME, RUN_KEY),
	INDEX AS_REJECTED_ROW_EXEC (JOB_EXECUTION_ID)
) ENGINE=InnoDB;

-- The source row of each rejected row as read, sealed (Tink AEAD; associated data: job, run,
-- source and position) with a keyed hash of it (ROW_HASH: the same row in a later extract),
-- and what became of a vendor's refusal: the runs that sent it and saw it refused (ATTEMPT),
-- the rejected row it is a later attempt of (REPLAY_OF) and the run that sent it again
-- (REPLAYED_RUN; null while it is pending). A table of its own, so that no existing table
-- has to be altered.
CREATE TABLE IF NOT EXISTS AS_REJECTED_SOURCE (
	REJECTED_ID BIGINT NOT NULL PRIMARY KEY,
	ROW_SEALED MEDIUMBLOB,
	ROW_HASH VARBINARY(32),
	ATTEMPT INT NOT NULL,
	REPLAY_OF BIGINT,
	REPLAYED_RUN VARCHAR(100),
	INDEX AS_REJECTED_SOURCE_PENDING (REPLAYED_RUN, ATTEMPT),
	INDEX AS_REJECTED_SOURCE_ROW (ROW_HASH)
) ENGINE=InnoDB;

-- The rejected rows an operator's import of their fixed rows resolved (rejected --import): the
-- import run whose fixed row the vendor took (RESOLVED_RUN, import:<digest>), in the transaction
-- of the chunk that delivered it. A row here is no longer pending: no run sends its kept copy
-- again. A later attempt of a refused row is resolved with it. A table of its own, so that no
-- existing table has to be altered.
CREATE TABLE IF NOT EXISTS AS_REJECTED_RESOLVED (
	REJECTED_ID BIGINT NOT NULL PRIMARY KEY,
	RESOLVED_RUN VARCHAR(100) NOT NULL,
	JOB_EXECUTION_ID BIGINT NOT NULL,
	RESOLVED_AT DATETIME(6) NOT NULL
) ENGINE=InnoDB;

-- Request budgets (Bucket4j) shared by every process that uses this database: one row per vendor and
-- API key (the key itself is never stored, only a hash).
CREATE TABLE IF NOT EXISTS AS_RATE_LIMIT_BUCKET (
	ID VARCHAR(200) NOT NULL PRIMARY KEY,
	STATE BLOB,
	EXPIRES_AT BIGINT
) ENGINE=InnoDB;

-- The targets the sync state knows: a job's destination in one vendor account (ACCOUNT: its
-- base URL and a named account or a keyed hash of its key, 'sandbox' for --sandbox runs;
-- '' for a target made before accounts, which the job's first run that is not a sandbox's
-- takes over), each with a number its keys carry (a key's row holds 4 bytes for them, not
-- the names).
CREATE TABLE IF NOT EXISTS AS_SYNC_TARGET (
	TARGET_ID INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	JOB_NAME VARCHAR(100) NOT NULL,
	DESTINATION VARCHAR(100) NOT NULL,
	ACCOUNT VARCHAR(200) NOT NULL DEFAULT '',
	CREATED_AT DATETIME(6) NOT NULL,
	UNIQUE KEY AS_SYNC_TARGET_ACCOUNT (JOB_NAME, DESTINATION, ACCOUNT)
) ENGINE=InnoDB;

-- A repository made before accounts (2026-12-07): the column, and the name unique with it,
-- in one ALTER when the column is missing (MySQL has no ADD COLUMN IF NOT EXISTS).
SET @as_ddl = (SELECT IF(COUNT(*) = 0, 'ALTER TABLE AS_SYNC_TARGET ADD COLUMN ACCOUNT VARCHAR(200) NOT NULL DEFAULT '''' AFTER DESTINATION, DROP INDEX AS_SYNC_TARGET_NAME, ADD UNIQUE KEY AS_SYNC_TARGET_ACCOUNT (JOB_NAME, DESTINATION, ACCOUNT)', 'DO 0') FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'AS_SYNC_TARGET' AND COLUMN_NAME = 'ACCOUNT');
PREPARE as_ddl FROM @as_ddl;
EXECUTE as_ddl;
DEALLOCATE PREPARE as_ddl;

-- The last payload each key of a job's destination delivered, for change detection: keyed
-- hashes only (HMAC through Tink, 16 bytes), never a key, a payload or an identity in
-- plaintext. KEY_SEALED holds the key encrypted (Tink AEAD) for destinations that mirror
-- deletions. One B-tree: a target's keys are one range of the primary key, which a
-- mirror's scan for the keys a run did not see reads in order. A row is kept small (about
-- 135 bytes a key on disk) because a run reads and writes its keys at random: the table
-- should fit InnoDB's buffer pool (docs/configuration.md).
-- A repository made before 2026-12 kept these rows in AS_SYNC_STATE, by job and
-- destination name: the first run of this version moves them here (docs/configuration.md).
CREATE TABLE IF NOT EXISTS AS_SYNC_KEY (
	TARGET_ID INT NOT NULL,
	KEY_HASH BINARY(16) NOT NULL,
	FINGERPRINT BINARY(16) NOT NULL,
	IDENTITY_HASH BINARY(16),
	KEY_SEALED VARBINARY(2048),
	RUN_KEY VARCHAR(100) NOT NULL,
	SEEN_RUN VARCHAR(100),
	UPDATED_AT DATETIME(6) NOT NULL,
	PRIMARY KEY (TARGET_ID, KEY_HASH)
) ENGINE=InnoDB;

-- Upsert keys a run sent with two identities (one phone number, two member ids): where,
-- key and identity masked.
CREATE TABLE IF NOT EXISTS AS_SYNC_CONFLICT (
	ID BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	JOB_EXECUTION_ID BIGINT NOT NULL,
	JOB_NAME VARCHAR(100) NOT NULL,
	RUN_KEY VARCHAR(100) NOT NULL,
	DESTINATION VARCHAR(100) NOT NULL,
	SOURCE VARCHAR(1000) NOT NULL,
	POSITION BIGINT NOT NULL,
	KEY_NAME VARCHAR(64) NOT NULL,
	KEY_MASKED VARCHAR(200) NOT NULL,
	IDENTITY_MASKED VARCHAR(200),
	CREATED_AT DATETIME(6) NOT NULL,
	INDEX AS_SYNC_CONFLICT_RUN (JOB_NAME, RUN_KEY)
) ENGINE=InnoDB;

-- The users a run's merges linked (keyed hashes), to tell a chain (A into B, then B into C)
-- without holding the run in memory; a completed run's links are deleted.
CREATE TABLE IF NOT EXISTS AS_SYNC_LINK (
	JOB_NAME VARCHAR(100) NOT NULL,
	RUN_KEY VARCHAR(100) NOT NULL,
	USER_HASH VARBINARY(32) NOT NULL,
	ROLE CHAR(1) NOT NULL,
	FIRST_AT VARCHAR(1100) NOT NULL,
	PRIMARY KEY (USER_HASH, ROLE, JOB_NAME, RUN_KEY)
) ENGINE=InnoDB;

-- A target's sync state as a sorted snapshot: one generation per completed night, fixed-width
-- entries (key hash, payload fingerprint, identity hash: 40 bytes) in key-hash order, in pages of
-- about a megabyte (AS_SNAPSHOT_PAGE), read and written only in sequence. STATE is WRITING while a
-- run writes it, READY once whole, CURRENT for the one a night compares with (one per target at
-- most), RETIRED once a newer one is current and until its pages are deleted.
CREATE TABLE IF NOT EXISTS AS_SNAPSHOT (
	TARGET_ID INT NOT NULL,
	GENERATION BIGINT NOT NULL,
	STATE VARCHAR(10) NOT NULL,
	JOB_EXECUTION_ID BIGINT,
	ENTRIES BIGINT NOT NULL,
	PAGES INT NOT NULL,
	SEALED CHAR(1) NOT NULL,
	RUN_KEY VARCHAR(100),
	CREATED_AT DATETIME(6) NOT NULL,
	PRIMARY KEY (TARGET_ID, GENERATION)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS AS_SNAPSHOT_PAGE (
	TARGET_ID INT NOT NULL,
	GENERATION BIGINT NOT NULL,
	PAGE_NO INT NOT NULL,
	FIRST_KEY BINARY(16) NOT NULL,
	ENTRIES INT NOT NULL,
	DATA LONGBLOB NOT NULL,
	PRIMARY KEY (TARGET_ID, GENERATION, PAGE_NO)
) ENGINE=InnoDB;

-- A night's plan while it runs: per target, run and partition, the night's sorted records (KIND R:
-- key hash, place, fingerprint, identity), then the rows each partition sends (S) and the rows of
-- keys with two identities (C), in pages like the snapshot's. Deleted once the run completes.
CREATE TABLE IF NOT EXISTS AS_PLAN_PAGE (
	TARGET_ID INT NOT NULL,
	RUN_KEY VARCHAR(100) NOT NULL,
	KIND CHAR(1) NOT NULL,
	PART VARCHAR(250) NOT NULL,
	PAGE_NO INT NOT NULL,
	DATA LONGBLOB NOT NULL,
	PRIMARY KEY (TARGET_ID, RUN_KEY, KIND, PART, PAGE_NO)
) ENGINE=InnoDB;

-- What a night's delivery did not go as planned, per key, written in the chunk's transaction and
-- applied to the planned generation before it becomes current: KIND R, the vendor refused the row
-- (the key keeps its entry of before); S, the row sent carried another payload than planned.
CREATE TABLE IF NOT EXISTS AS_SNAPSHOT_FIX (
	TARGET_ID INT NOT NULL,
	RUN_KEY VARCHAR(100) NOT NULL,
	KEY_HASH BINARY(16) NOT NULL,
	KIND CHAR(1) NOT NULL,
	FINGERPRINT BINARY(16),
	IDENTITY_HASH BIGINT,
	PRIMARY KEY (TARGET_ID, RUN_KEY, KEY_HASH)
) ENGINE=InnoDB;

-- A running execution's heartbeat, written by its process on a timer: a STARTED execution whose
-- heartbeat is older than audience-sync.recovery.stale-after belongs to a process that died.
CREATE TABLE IF NOT EXISTS AS_HEARTBEAT (
	JOB_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
	OWNER VARCHAR(200) NOT NULL,
	STARTED_AT DATETIME(3) NOT NULL,
	BEAT_AT DATETIME(3) NOT NULL
) ENGINE=InnoDB;

DO RELEASE_LOCK('audience_sync_schema');
