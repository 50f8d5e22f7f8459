package com.audiencesync;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;

import com.audiencesync.batch.launch.SyncLauncher;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.sandbox.Sandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A test that runs jobs: the application context on an in-memory job repository, the
 * launcher, the repository's tables, a folder for specs and extracts, and the sandbox
 * (started once per class, reset before each test) with run options pointing the class's
 * vendor at its emulator.
 */
@IntegrationTest
public abstract class JobTest {

	/** The key the sandbox accepts: a secret no table or log may show. */
	protected static final String KEY = "test-secret-key-" + UUID.randomUUID();

	/** The business date the tests run. */
	protected static final LocalDate DATE = LocalDate.of(2026, 11, 22);

	@RegisterExtension
	protected static final Sandbox sandbox = new Sandbox(KEY);

	@Autowired
	protected SyncLauncher launcher;

	@Autowired
	protected JdbcTemplate jdbc;

	@TempDir
	protected Path dir;

	/** Run options that point {@link #vendor()} at its emulator. */
	protected RunOptions options;

	/** The vendor the class's jobs send to. */
	protected abstract String vendor();

	@BeforeEach
	final void pointAtTheSandbox() {
		this.options = sandbox.options(vendor());
	}

}
