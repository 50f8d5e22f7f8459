package com.audiencesync.cli;

import java.util.concurrent.Callable;

import com.audiencesync.batch.remote.RemoteProperties;
import com.audiencesync.batch.remote.WorkerHealth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.springframework.context.ApplicationContext;

/**
 * {@code worker}: runs the partitions that managers ({@code run --remote}) put on the
 * RabbitMQ queue, one at a time, until stopped.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, description = {
		"Runs the partitions that 'run --remote' managers hand out over RabbitMQ.",
		"It takes one partition at a time, for any job in its jobs folder, until stopped "
				+ "(spring.rabbitmq.* names the broker).",
		"A worker killed mid-partition leaves its message to another, which goes on from the partition's "
				+ "last committed chunk; SIGTERM stops it at a chunk boundary, for another to go on from there.",
		"It exits 1 when its broker or job repository cannot be reached audience-sync.remote.broker-attempts "
				+ "times in a row (5 s apart)." })
class WorkerCommand implements Callable<Integer> {

	@Spec
	CommandSpec commandSpec;

	private final SpringContexts contexts;

	WorkerCommand(SpringContexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public Integer call() throws InterruptedException {
		this.contexts.byDefault("audience-sync.remote.enabled", "true");
		this.contexts.byDefault("audience-sync.remote.worker", "true");
		this.contexts.forWorker();
		ApplicationContext context = this.contexts.get(SpringContexts.Need.ALL);
		RemoteProperties remote = context.getBean(RemoteProperties.class);
		var out = this.commandSpec.commandLine().getOut();
		out.printf("worker: taking partitions from queue %s at %s:%s, %d at a time; Ctrl-C or SIGTERM stops it%n",
				remote.queue(), context.getEnvironment().getProperty("spring.rabbitmq.host", "localhost"),
				context.getEnvironment().getProperty("spring.rabbitmq.port", "5672"), remote.workerConcurrency());
		out.flush();
		// the listener runs on its own threads; a signal ends the process (Termination),
		// and so does a broker or repository out of reach for too long
		String problem = context.getBean(WorkerHealth.class).watch();
		var err = this.commandSpec.commandLine().getErr();
		err.println("error: " + problem);
		err.flush();
		return ExitCodes.FAILED;
	}

}
