package com.audiencesync.batch.jobs;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepInterruptionPolicy;
import org.springframework.batch.core.step.ThreadStepInterruptionPolicy;

/**
 * Between two chunks of a step, outside their transactions: Spring Batch's check for a
 * stop, then what the thread running the step asked to happen there (a remote worker that
 * is stopping parks its partition there, its last chunk committed and the next not
 * begun).
 */
public final class ChunkBoundary implements StepInterruptionPolicy {

	private static final ThreadLocal<Runnable> HOOK = new ThreadLocal<>();

	private final StepInterruptionPolicy policy = new ThreadStepInterruptionPolicy();

	/**
	 * What this thread's steps run at each chunk boundary, until set again ({@code null}:
	 * nothing).
	 */
	public static void onThisThread(Runnable hook) {
		if (hook == null) {
			HOOK.remove();
		}
		else {
			HOOK.set(hook);
		}
	}

	@Override
	public void checkInterrupted(StepExecution stepExecution) throws JobInterruptedException {
		this.policy.checkInterrupted(stepExecution);
		Runnable hook = HOOK.get();
		if (hook != null) {
			hook.run();
		}
	}

}
