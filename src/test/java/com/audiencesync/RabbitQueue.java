package com.audiencesync;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * A queue of its own on the RabbitMQ broker ({@code RABBITMQ_HOST}, default loopback) for
 * each test of remote partitioning, and the child processes (managers, workers) that use
 * it: the broker checked before the test (the test is skipped, loudly, without one), the
 * processes ended and the queue deleted after it. Register it on an instance field with
 * {@code @RegisterExtension}.
 */
public final class RabbitQueue implements BeforeEachCallback, AfterEachCallback {

	private final String name = "audience-sync.test-" + UUID.randomUUID();

	private final List<Process> processes = new CopyOnWriteArrayList<>();

	private CachingConnectionFactory rabbit;

	/** The queue's name, for {@code audience-sync.remote.queue}. */
	public String name() {
		return this.name;
	}

	/** Ends that process with the test. */
	public Process keep(Process process) {
		this.processes.add(process);
		return process;
	}

	/** Kills every process kept so far (SIGKILL), as a lost pod is. */
	public void killAll() {
		this.processes.forEach(Process::destroyForcibly);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.rabbit = new CachingConnectionFactory(System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1"));
		try {
			this.rabbit.createConnection().close();
		}
		catch (RuntimeException ex) {
			String where = this.rabbit.getHost() + ":" + this.rabbit.getPort();
			System.err.println("*** " + context.getRequiredTestClass().getSimpleName() + " SKIPPED: no RabbitMQ at "
					+ where + " (" + ex.getMessage() + ") ***");
			Assumptions.abort("no RabbitMQ at " + where);
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		killAll();
		if (this.rabbit != null) {
			new RabbitAdmin(this.rabbit).deleteQueue(this.name);
			this.rabbit.destroy();
		}
	}

}
