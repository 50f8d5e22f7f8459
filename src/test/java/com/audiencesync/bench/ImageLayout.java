package com.audiencesync.bench;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import com.audiencesync.AudienceSyncApplication;
import com.audiencesync.ChildJvm;

/**
 * The application laid out as the image runs it (Dockerfile): plain jars, the
 * application's own classes in a jar of their own, and a class data sharing archive made
 * by the Dockerfile's recipe (the classes that starting the whole application and
 * {@code status} load, dumped once). A benchmark's runs start from it as a pod's do:
 * measured on a 1,000-row run, 3.5-4 s instead of 6.4 s from plain jars without the
 * archive.
 *
 * @param classpath the jars
 * @param jvmOptions what {@code java} needs to map the archive
 */
record ImageLayout(String classpath, List<String> jvmOptions) {

	/** Lays the test run's classes and dependencies out under {@code work/image}. */
	static ImageLayout make(Path work) throws IOException, InterruptedException {
		Path folder = Files.createDirectories(work.resolve("image").toAbsolutePath());
		Path classes = Path
			.of(AudienceSyncApplication.class.getProtectionDomain().getCodeSource().getLocation().getPath());
		Path application = jar(classes, folder.resolve("audience-sync.jar"));
		List<String> path = new ArrayList<>(List.of(application.toString()));
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			// the archive takes jars only; the test classes are not the image's
			if (entry.endsWith(".jar")) {
				path.add(entry);
			}
		}
		String classpath = String.join(File.pathSeparator, path);
		// the Dockerfile's recipe: the classes two commands load, then one dump
		Path run = folder.resolve("run.classes");
		Path status = folder.resolve("status.classes");
		java(folder, classpath, List.of("-XX:DumpLoadedClassList=" + run, "-Dspring.context.exit=onRefresh"),
				List.of("run", "cds-training", "--spring.datasource.url=jdbc:h2:mem:cds"));
		java(folder, classpath, List.of("-XX:DumpLoadedClassList=" + status),
				List.of("status", "--spring.datasource.url=jdbc:h2:mem:cds"));
		List<String> loaded = Stream.concat(Files.readAllLines(run).stream(), Files.readAllLines(status).stream())
			.filter((line) -> !line.startsWith("#"))
			.distinct()
			.sorted()
			.toList();
		Path list = Files.write(folder.resolve("audience-sync.classes"), loaded);
		Path archive = folder.resolve("audience-sync.jsa");
		Files.deleteIfExists(archive);
		java(folder, classpath, List.of("-Xshare:dump", "-XX:SharedClassListFile=" + list,
				"-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off"), List.of());
		// -Xshare:on fails rather than start without an archive it cannot map: the runs
		// are never measured without it by mistake
		if (!Files.exists(archive) || java(folder, classpath, List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive),
				List.of("-V")) != 0) {
			throw new IllegalStateException(
					"no class data sharing archive to use: " + Files.readString(folder.resolve("java.log")));
		}
		return new ImageLayout(classpath, List.of("-XX:SharedArchiveFile=" + archive));
	}

	private static int java(Path folder, String classpath, List<String> options, List<String> args)
			throws IOException, InterruptedException {
		Process process = ChildJvm.start(classpath, AudienceSyncApplication.class, options, args,
				folder.resolve("java.log"), folder);
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("laying out the image took over 5 minutes");
		}
		return process.exitValue();
	}

	/** A jar of a folder's files and folders. */
	private static Path jar(Path classes, Path jar) throws IOException {
		try (OutputStream file = Files.newOutputStream(jar);
				JarOutputStream out = new JarOutputStream(file);
				Stream<Path> files = Files.walk(classes)) {
			// folders too: a package scan asks the class loader for them
			for (Path each : files.filter((each) -> !each.equals(classes)).sorted().toList()) {
				String name = classes.relativize(each).toString().replace(File.separatorChar, '/');
				boolean folder = Files.isDirectory(each);
				out.putNextEntry(new JarEntry(folder ? name + "/" : name));
				if (!folder) {
					Files.copy(each, out);
				}
				out.closeEntry();
			}
		}
		return jar;
	}

}
