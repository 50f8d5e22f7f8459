package com.audiencesync;

import java.util.List;

import com.audiencesync.destination.Vendor;
import com.audiencesync.destination.Vendors;
import com.audiencesync.destination.emulator.EmulatorFactory;
import com.audiencesync.destination.emulator.Emulators;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structure that keeps a new vendor or source kind one package: the layers, no cycles
 * between packages, vendor packages that only the vendor itself names, and emulators in
 * each vendor's {@code emulator} sub-package that only the sandbox and tests reach.
 */
class ArchitectureTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("com.audiencesync");

	private static final JavaClasses ALL = new ClassFileImporter().importPackages("com.audiencesync");

	@Test
	void layersAreUsedFromAboveOnly() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("Cli")
			.definedBy("com.audiencesync.cli..")
			.layer("Batch")
			.definedBy("com.audiencesync.batch..")
			.layer("Sandbox")
			.definedBy("com.audiencesync.sandbox..")
			.layer("Manifests")
			.definedBy("com.audiencesync.manifests..")
			.layer("Delivery")
			.definedBy("com.audiencesync.delivery..")
			.layer("Source")
			.definedBy("com.audiencesync.source..")
			.layer("Transform")
			.definedBy("com.audiencesync.transform..")
			.layer("Destination")
			.definedBy("com.audiencesync.destination..")
			.layer("State")
			.definedBy("com.audiencesync.state..")
			.layer("Crypto")
			.definedBy("com.audiencesync.crypto..")
			.layer("Spec")
			.definedBy("com.audiencesync.spec..")
			.layer("Names")
			.definedBy("com.audiencesync.names..")
			.layer("Logging")
			.definedBy("com.audiencesync.logging..")
			.whereLayer("Cli")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("Batch")
			.mayOnlyBeAccessedByLayers("Cli")
			.whereLayer("Logging")
			.mayOnlyBeAccessedByLayers("Cli")
			.whereLayer("Sandbox")
			.mayOnlyBeAccessedByLayers("Cli")
			.whereLayer("Manifests")
			.mayOnlyBeAccessedByLayers("Cli")
			.whereLayer("Delivery")
			.mayOnlyBeAccessedByLayers("Batch")
			.whereLayer("Transform")
			.mayOnlyBeAccessedByLayers("Batch", "Delivery")
			.whereLayer("Source")
			.mayOnlyBeAccessedByLayers("Batch", "Delivery", "Transform")
			.whereLayer("Destination")
			.mayOnlyBeAccessedByLayers("Cli", "Batch", "Sandbox", "Delivery", "Transform")
			.whereLayer("State")
			.mayOnlyBeAccessedByLayers("Cli", "Batch", "Delivery")
			.whereLayer("Crypto")
			.mayOnlyBeAccessedByLayers("Cli", "Batch", "Delivery")
			.whereLayer("Spec")
			.mayOnlyBeAccessedByLayers("Cli", "Batch", "Delivery", "Source", "Transform", "Manifests")
			.check(MAIN);
	}

	/**
	 * The rooms of {@code batch}: launching a run on top, then remote partitioning and
	 * the wiring, the job assembly, recovery, the reports and what identifies a run at
	 * the bottom.
	 */
	@Test
	void batchRoomsAreUsedFromAboveOnly() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("Launch")
			.definedBy("com.audiencesync.batch.launch..")
			.layer("Remote")
			.definedBy("com.audiencesync.batch.remote..")
			.layer("Wiring")
			.definedBy("com.audiencesync.batch")
			.layer("Jobs")
			.definedBy("com.audiencesync.batch.jobs..")
			.layer("Recovery")
			.definedBy("com.audiencesync.batch.recovery..")
			.layer("Reports")
			.definedBy("com.audiencesync.batch.reports..")
			.layer("Run")
			.definedBy("com.audiencesync.batch.run..")
			.whereLayer("Launch")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("Remote")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("Wiring")
			.mayOnlyBeAccessedByLayers("Launch", "Remote")
			.whereLayer("Jobs")
			.mayOnlyBeAccessedByLayers("Launch", "Remote", "Wiring")
			.whereLayer("Recovery")
			.mayOnlyBeAccessedByLayers("Launch", "Remote", "Jobs")
			.whereLayer("Reports")
			.mayOnlyBeAccessedByLayers("Launch", "Remote", "Jobs", "Recovery")
			.whereLayer("Run")
			.mayOnlyBeAccessedByLayers("Launch", "Remote", "Wiring", "Jobs", "Recovery", "Reports")
			.check(MAIN);
	}

	@Test
	void reportsAndRecoveryKnowNothingOfLaunching() {
		noClasses().that()
			.resideInAnyPackage("com.audiencesync.batch.reports..", "com.audiencesync.batch.recovery..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("com.audiencesync.batch.launch..", "com.audiencesync.batch.remote..",
					"com.audiencesync.cli..")
			.because("a report or a recovery reads the job repository, whoever started the run")
			.check(MAIN);
	}

	@Test
	void remotePartitioningKnowsNothingOfTheCommandLine() {
		noClasses().that()
			.resideInAPackage("com.audiencesync.batch.remote..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("com.audiencesync.cli..", "com.audiencesync.batch.launch..")
			.because("a worker runs the partitions a manager hands it, whatever command started the run")
			.check(MAIN);
	}

	@Test
	void batchRoomsAreFreeOfCycles() {
		slices().assignedFrom(new SliceAssignment() {

			@Override
			public SliceIdentifier getIdentifierOf(JavaClass type) {
				String name = type.getPackageName();
				if (name.equals("com.audiencesync.batch")) {
					return SliceIdentifier.of("batch (wiring)");
				}
				if (name.startsWith("com.audiencesync.batch.")) {
					return SliceIdentifier
						.of("batch." + name.substring("com.audiencesync.batch.".length()).split("\\.")[0]);
				}
				return SliceIdentifier.ignore();
			}

			@Override
			public String getDescription() {
				return "batch and each of its sub-packages";
			}

		}).should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void thePersistedNamesAndTheSpecDependOnNothingAbove() {
		noClasses().that()
			.resideInAnyPackage("com.audiencesync.names..", "com.audiencesync.spec..", "com.audiencesync.crypto..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("com.audiencesync.cli..", "com.audiencesync.batch..", "com.audiencesync.delivery..",
					"com.audiencesync.source..", "com.audiencesync.transform..", "com.audiencesync.destination..",
					"com.audiencesync.state..", "com.audiencesync.sandbox..")
			.check(MAIN);
	}

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("com.audiencesync.(*)..").should().beFreeOfCycles().check(MAIN);
		slices().matching("com.audiencesync.destination.(*)..").should().beFreeOfCycles().check(MAIN);
		slices().matching("com.audiencesync.source.(*)..").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void onlyAVendorsOwnPackageAndTestsNameIt() {
		List<String> packages = Vendors.all().stream().map((vendor) -> vendor.getClass().getPackageName()).toList();
		assertThat(packages).hasSizeGreaterThanOrEqualTo(4);
		for (String vendor : packages) {
			noClasses().that()
				.resideOutsideOfPackage(vendor + "..")
				.should()
				.dependOnClassesThat()
				.resideInAPackage(vendor + "..")
				.because("a vendor is one package: the rest of the code knows it through the Vendor SPI")
				.check(ALL);
		}
	}

	@Test
	void vendorPackagesUseOnlyTheDestinationSpi() {
		for (Vendor vendor : Vendors.all()) {
			String own = vendor.getClass().getPackageName();
			classes().that()
				.resideInAPackage(own)
				.should()
				.onlyDependOnClassesThat(resideOutsideOfPackage("com.audiencesync..")
					.or(resideInAnyPackage(own, "com.audiencesync.destination")))
				.because("a vendor's client builds on the destination SPI only")
				.check(MAIN);
			classes().that()
				.resideInAPackage(own + ".emulator..")
				.should()
				.onlyDependOnClassesThat(resideOutsideOfPackage("com.audiencesync..")
					.or(resideInAnyPackage(own + "..", "com.audiencesync.destination.emulator")))
				.because("a vendor's emulator builds on the emulators' base and what it shares with its client")
				.check(MAIN);
		}
	}

	@Test
	void aVendorsClientNeverImportsItsEmulator() {
		for (Vendor vendor : Vendors.all()) {
			String own = vendor.getClass().getPackageName();
			noClasses().that()
				.resideInAPackage(own)
				.should()
				.dependOnClassesThat()
				.resideInAPackage(own + ".emulator..")
				.because("the emulator imports what it shares with the client, never the other way")
				.check(MAIN);
		}
	}

	@Test
	void onlyEmulatorsAndTheSandboxUseEmulators() {
		noClasses().that()
			.resideOutsideOfPackages("..emulator..", "com.audiencesync.sandbox..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..emulator..")
			.because("emulators are for the sandbox and tests: the production SPI never reaches one")
			.check(MAIN);
	}

	@Test
	void everyVendorHasOneEmulator() {
		assertThat(Emulators.vendors()).containsExactlyElementsOf(Vendors.ids());
		for (EmulatorFactory factory : Emulators.all()) {
			String vendorPackage = Vendors.find(factory.vendor()).orElseThrow().getClass().getPackageName();
			assertThat(factory.getClass().getPackageName()).isEqualTo(vendorPackage + ".emulator");
		}
	}

}
