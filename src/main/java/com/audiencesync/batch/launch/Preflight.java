package com.audiencesync.batch.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.audiencesync.batch.BatchConfiguration;
import com.audiencesync.batch.jobs.BoundVendor;
import com.audiencesync.batch.jobs.SyncStoresFactory;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.crypto.KeysetProperties;
import com.audiencesync.crypto.Keysets;
import com.audiencesync.destination.Vendors;
import com.audiencesync.source.SourceKinds;
import com.audiencesync.spec.DestinationSpec;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecCatalog;
import com.audiencesync.spec.SpecException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;
import org.springframework.validation.Validator;

/**
 * What a run of a spec needs of the configuration, all checked at once before anything
 * runs or is recorded: each destination's vendor properties
 * ({@code audience-sync.destinations.<vendor>.*}), the keysets
 * ({@code audience-sync.keysets.*}: hmac and aead, and daead for a spec that encrypts a
 * field) and the warehouse a {@code jdbc} source names
 * ({@code audience-sync.warehouses.<name>.*}). Each problem names its property and never
 * shows a secret; with the spec's own problems they make one {@link SpecException}.
 */
@Component
public class Preflight {

	/** What a command does with a spec, and so what it needs of the configuration. */
	public enum Use {

		/** A run against the configured vendor: its properties, and every keyset. */
		RUN,

		/** A run against the vendor's emulator ({@code --sandbox}): every keyset. */
		SANDBOX,

		/**
		 * A dry run: the keyed hash the sync state is compared by (and the daead keyset
		 * of encrypted fields); nothing is sent or sealed.
		 */
		DRY_RUN

	}

	private final ConfigurableEnvironment environment;

	private final ObjectProvider<Validator> validator;

	private final KeysetProperties keysets;

	private final String repositoryUrl;

	private final ApplicationContext context;

	Preflight(ConfigurableEnvironment environment, ObjectProvider<Validator> validator, KeysetProperties keysets,
			@Value("${spring.datasource.url:}") String repositoryUrl, ApplicationContext context) {
		this.environment = environment;
		this.validator = validator;
		this.keysets = keysets;
		this.repositoryUrl = repositoryUrl;
		this.context = context;
	}

	/**
	 * The spec at that path or of that job name, checked with the configuration its use
	 * needs.
	 * @throws SpecException listing every problem of the spec (of as much of it as could
	 * be read) and of the configuration
	 */
	public JobSpec resolve(Path jobsDir, String nameOrPath, Use use) {
		JobSpec spec;
		try {
			spec = new SpecCatalog(jobsDir).resolve(nameOrPath);
		}
		catch (SpecException ex) {
			throw ex.spec().map((partial) -> ex.withConfiguration(problems(partial, use, RunOptions.LIVE))).orElse(ex);
		}
		check(spec, use, RunOptions.LIVE);
		return spec;
	}

	/**
	 * Fails listing every problem of the configuration for that use of the spec.
	 * @param options the run's overrides of the configuration (the sandbox's)
	 * @throws SpecException listing them, each naming its property
	 */
	public void check(JobSpec spec, Use use, RunOptions options) {
		List<String> problems = problems(spec, use, options);
		if (!problems.isEmpty()) {
			throw new SpecException(List.of(), spec).withConfiguration(problems);
		}
	}

	/**
	 * Every problem of the configuration for that use of the spec; a spec that is itself
	 * wrong (a vendor or endpoint that does not exist) is checked as far as it names what
	 * there is.
	 */
	List<String> problems(JobSpec spec, Use use, RunOptions options) {
		List<String> problems = new ArrayList<>();
		if (use == Use.RUN) {
			for (DestinationSpec target : spec.targets()) {
				if (target != null) {
					Vendors.find(target.vendor())
						.ifPresent((vendor) -> vendor.endpoint(target.endpoint())
							.ifPresent((endpoint) -> problems
								.addAll(new BoundVendor(vendor, BoundVendor.binder(this.environment, options),
										this.validator.getIfUnique(), null)
									.problems(endpoint))));
				}
			}
		}
		List<String> kinds = new ArrayList<>(List.of("hmac"));
		if (use != Use.DRY_RUN) {
			kinds.add("aead");
		}
		if (SyncStoresFactory.encrypts(spec)) {
			kinds.add("daead");
		}
		problems.addAll(new Keysets(this.keysets, BatchConfiguration.throwaway(this.repositoryUrl)).problems(kinds));
		if (spec.source() != null) {
			problems.addAll(SourceKinds.problems(spec.source(), this.context::getBean));
		}
		return problems.stream().distinct().toList();
	}

}
