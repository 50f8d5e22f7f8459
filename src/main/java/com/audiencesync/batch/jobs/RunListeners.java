package com.audiencesync.batch.jobs;

import com.audiencesync.batch.recovery.Heartbeat;
import com.audiencesync.batch.recovery.RecoveryProperties;
import com.audiencesync.batch.recovery.RunningExecutions;
import com.audiencesync.state.Heartbeats;

import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.stereotype.Component;

/**
 * What listens to every job of a run, whatever its shape: its heartbeat (how a dead
 * process is told from a live one) and this process's running executions (stopped on
 * SIGTERM).
 */
@Component
class RunListeners {

	private final Heartbeats heartbeats;

	private final RecoveryProperties recovery;

	private final RunningExecutions running;

	RunListeners(Heartbeats heartbeats, RecoveryProperties recovery, RunningExecutions running) {
		this.heartbeats = heartbeats;
		this.recovery = recovery;
		this.running = running;
	}

	/** The job with these listeners, before any of its own. */
	SimpleJobBuilder add(SimpleJobBuilder job) {
		return job.listener(new Heartbeat(this.heartbeats, this.recovery.heartbeat())).listener(this.running);
	}

}
