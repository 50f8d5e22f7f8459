package com.audiencesync.cli;

import java.io.PrintWriter;

import com.audiencesync.batch.reports.RunReports;
import picocli.CommandLine.Parameters;

import org.springframework.batch.core.job.JobExecution;

/**
 * The execution a command acts on ({@code restart}, {@code stop}, {@code abandon},
 * {@code recover}), a picocli mixin: its {@code EXECUTION_ID} parameter, and the one way
 * of loading it or saying there is none.
 */
final class ExecutionById {

	@Parameters(index = "0", paramLabel = "EXECUTION_ID", description = "the execution ('status' lists them)")
	long id;

	/**
	 * The execution with its steps; null, once {@code no execution N} is printed, when
	 * the repository has none of that id.
	 * @param need the application that holds the repository for this command
	 */
	JobExecution load(SpringContexts contexts, SpringContexts.Need need, PrintWriter out) {
		return load(contexts, need, out, this.id);
	}

	static JobExecution load(SpringContexts contexts, SpringContexts.Need need, PrintWriter out, long id) {
		JobExecution execution = contexts.bean(need, RunReports.class).load(id);
		if (execution == null) {
			out.printf("no execution %d%n", id);
		}
		return execution;
	}

}
