package com.audiencesync.batch.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.delivery.NightPlanner;
import com.audiencesync.names.Names;
import com.audiencesync.source.Source;
import com.audiencesync.state.Target;
import com.audiencesync.state.snapshot.EntryCursor;
import com.audiencesync.state.snapshot.GenerationWriter;
import com.audiencesync.state.snapshot.NightMerge;
import com.audiencesync.state.snapshot.Nights;
import com.audiencesync.state.snapshot.Snapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;

/**
 * The steps of a planned night around its sync (docs/design/snapshots.md): {@code plan}
 * (partitioned as the sync is, on this process's threads), {@code merge} (the night's
 * decisions and the guard, before anything is sent) and {@code snapshot} (the result
 * becomes current), for each destination that upserts by a key; a mirror's deletions are
 * decided and limited by the merge too.
 */
@Component
class SnapshotSteps {

	private static final Logger log = LoggerFactory.getLogger(SnapshotSteps.class);

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final StateProperties properties;

	SnapshotSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			StateProperties properties) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.properties = properties;
	}

	/**
	 * The destinations whose nights are planned: none where runs keep the per-key table.
	 */
	static List<BoundDestination> planned(BoundRun run) {
		if (run.stores() == null || run.stores().nights() == null) {
			return List.of();
		}
		return run.destinations()
			.stream()
			.filter((destination) -> NightPlanner.plans(destination.endpoint().endpoint()))
			.toList();
	}

	/**
	 * The {@code plan} step: each partition planned where the sync's partitions run, on
	 * this process's threads or on remote workers.
	 */
	Step plan(BoundRun run, Source source, List<BoundDestination> planned, PartitionHandlerFactory handlers) {
		return new StepBuilder(Names.PLAN_STEP, this.jobRepository).partitioner(Names.PLAN_STEP, source)
			.partitionHandler(handlers.create(planWorker(run, source, planned), run.spec().gridSizeOrDefault(),
					run.spec().concurrencyOrDefault()))
			.listener(source)
			.build();
	}

	/** The step that plans one partition ({@code plan:<partition>}). */
	Step planWorker(BoundRun run, Source source, List<BoundDestination> planned) {
		return new PlanPartitionStep(this.jobRepository, this.transactionManager, run, source, planned,
				new ColumnGuard(run.spec()));
	}

	/**
	 * The {@code merge} step: for each planned destination, the partitions' plans merged
	 * with its snapshot; fails before anything is sent when a night would update more
	 * than {@code max-change-ratio} of the keys the vendor holds.
	 */
	Step merge(BoundRun run, Source source, List<BoundDestination> destinations, RunOptions options) {
		return tasklet(Names.MERGE_STEP, (stepExecution) -> {
			// every partition planned, in this execution or an earlier one of the run
			Map<String, Long> planned = planParts(stepExecution);
			List<String> parts = List.copyOf(planned.keySet());
			List<Integer> targets = new ArrayList<>();
			Nights nights = run.stores().nights();
			for (BoundDestination destination : destinations) {
				Target key = run.stores().target(run.spec().name(), destination.id());
				int target = run.stores().state().number(key);
				targets.add(target);
				boolean mirror = destination.spec().mirrors();
				adopt(run, key, target, mirror, stepExecution.getJobExecutionId());
				NightMerge.Counts counts;
				try {
					counts = nights.merge(target, run.runKey(), parts, run.stores().resync(), mirror,
							source.placesMayMove(), stepExecution.getJobExecutionId());
				}
				catch (IllegalStateException ex) {
					// the run's message is its deepest cause's: this one names the
					// destination
					IllegalStateException named = new IllegalStateException(
							"plan " + destination.id() + ": " + ex.getMessage());
					named.setStackTrace(ex.getStackTrace());
					throw named;
				}
				log.info(
						"plan {}: {} key(s) held; {} new, {} changed, {} unchanged, {} row(s) superseded by a later "
								+ "row of their key, {} key(s) with two identities, {} key(s) not in tonight's source",
						destination.id(), counts.known(), counts.create(), counts.update(), counts.unchanged(),
						counts.superseded(), counts.conflicts(), counts.absent());
				if (mirror) {
					log.info("plan {}: the mirror deletes {} of the {} key(s) not in tonight's source{}",
							destination.id(), counts.deletes(), counts.absent(),
							(counts.absent() > counts.deletes())
									? " (the others were sent before it mirrored: their key fields were never kept)"
									: "");
				}
				boolean bills = destination.endpoint().endpoint().descriptor().bills();
				if (bills) {
					log.info("plan {}: {} data point(s) of the unchanged keys not sent", destination.id(),
							counts.pointsUnchanged());
				}
				stepExecution.getExecutionContext()
					.put(Names.PLAN_COUNTS + destination.id() + "]",
							List.of(counts.known(), counts.create(), counts.update(), counts.unchanged(),
									counts.superseded(), counts.conflicts(), bills ? counts.pointsUnchanged() : 0L));
				if (mirror) {
					// before anything is sent, the upserts included
					run.mirrorLimit(options).check(destination.id(), counts.deletes(), counts.known());
				}
				if (counts.changeRatio() > this.properties.maxChangeRatio() && !options.allowMassUpdate()) {
					throw new IllegalStateException(String.format(Locale.ROOT,
							"plan %s: the night would update %d of the %d keys the vendor holds (%.0f%%), more than "
									+ "audience-sync.state.max-change-ratio %.0f%%; nothing was sent. Check the "
									+ "extract and the mapping, then run again with --allow-mass-update",
							destination.id(), counts.update(), counts.known(), 100 * counts.changeRatio(),
							100 * this.properties.maxChangeRatio()));
				}
			}
			if (destinations.size() == run.destinations().size()) {
				// every destination is planned: delivery reads only the rows one sends or
				// must see, so a chunk carries rows to send
				planned.forEach((part, rows) -> {
					if (rows >= 0) {
						nights.deliverOnlyPlanned(targets, run.runKey(), part, rows);
					}
				});
			}
		});
	}

	/**
	 * A target's planned night where per-key state was kept (its first, or the first
	 * after nights ran with snapshots off): the per-key rows, which those nights wrote,
	 * are taken into the snapshot over its entries of the same keys, so the night
	 * compares with what the vendor was last sent (the per-key rows are deleted once it
	 * completes).
	 */
	private static void adopt(BoundRun run, Target key, int target, boolean mirror, long executionId) {
		if (run.stores().state().count(key) == 0) {
			return;
		}
		Snapshots snapshots = run.stores().nights().snapshots();
		GenerationWriter writer = snapshots.writer(target, executionId, mirror, null);
		try (EntryCursor current = snapshots.current(target).map(snapshots::read).orElse(null)) {
			long[] held = new long[Snapshots.WIDTH];
			boolean[] more = { current != null && current.next(held) };
			run.stores().state().inKeyOrder(key, (entry) -> {
				long[] kept = Nights.entry(entry.keyHash().bytes(), entry.fingerprint().bytes(),
						(entry.identityHash() != null) ? entry.identityHash().bytes() : null);
				// the snapshot's keys before this one, then this one as the per-key row
				// has it
				while (more[0] && Nights.compareKeys(held, kept) < 0) {
					writer.add(held, current.sealed());
					more[0] = current.next(held);
				}
				byte[] sealed = entry.keySealed();
				if (more[0] && Nights.compareKeys(held, kept) == 0) {
					sealed = (sealed != null) ? sealed : current.sealed();
					more[0] = current.next(held);
				}
				writer.add(kept, sealed);
			});
			while (more[0]) {
				writer.add(held, current.sealed());
				more[0] = current.next(held);
			}
		}
		Snapshots.Generation adopted = writer.finish();
		snapshots.makeCurrent(adopted);
		log.info("{}: its per-key state is taken into its snapshot ({} key(s))", key.destination(), adopted.entries());
	}

	/**
	 * The partitions the run planned, in this execution or an earlier one, with the rows
	 * each read when its plan completed; in the order of their names.
	 */
	private Map<String, Long> planParts(StepExecution merge) {
		Map<String, Long> parts = new TreeMap<>();
		for (JobExecution execution : this.jobRepository.getJobExecutions(merge.getJobExecution().getJobInstance())) {
			for (StepExecution step : execution.getStepExecutions()) {
				if (step.getStepName().startsWith(Names.PLAN_STEP + ":")) {
					String part = step.getStepName().substring(Names.PLAN_STEP.length() + 1);
					if (step.getStatus() == BatchStatus.COMPLETED) {
						parts.put(part, step.getReadCount());
					}
					else {
						parts.putIfAbsent(part, -1L);
					}
				}
			}
		}
		return parts;
	}

	/** The {@code snapshot} step: each planned destination's result becomes current. */
	Step snapshot(BoundRun run, List<BoundDestination> planned) {
		return snapshot(run, planned, true);
	}

	/**
	 * The {@code snapshot} step of a run that planned nothing (an operator's replay):
	 * what the vendor took goes into each destination's current snapshot.
	 */
	Step replayed(BoundRun run, List<BoundDestination> planned) {
		return snapshot(run, planned, false);
	}

	private Step snapshot(BoundRun run, List<BoundDestination> planned, boolean night) {
		return tasklet(Names.SNAPSHOT_STEP, (stepExecution) -> {
			for (BoundDestination destination : planned) {
				Target key = run.stores().target(run.spec().name(), destination.id());
				int target = run.stores().state().number(key);
				run.stores().nights().complete(target, run.runKey(), stepExecution.getJobExecutionId());
				if (night) {
					// the per-key rows a first planned night adopted: never read again,
					// and never to be compared with should the table be used again (a
					// replay adopted nothing: they wait for the next night)
					run.stores().state().forget(key);
				}
			}
		});
	}

	/** A step of one piece of work, outside any transaction of the step's. */
	private Step tasklet(String name, Consumer<StepExecution> work) {
		return new StepBuilder(name, this.jobRepository).tasklet((contribution, chunk) -> {
			work.accept(contribution.getStepExecution());
			return RepeatStatus.FINISHED;
		}, this.transactionManager)
			.transactionAttribute(new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED))
			.build();
	}

}
