# The audience-sync image: a layered Spring Boot jar on a JRE, run as a non-root user, with a
# class data sharing archive so that a command starts in about a second (docs/development.md, Start-up).
#   ./mvnw -DskipTests package && docker build -t audience-sync:0.1.0 .
# (No Docker daemon on the development machines: this file is checked by
# ManifestsTests, and its steps were run by hand there; it is not built there.)
FROM eclipse-temurin:17-jre AS layers
WORKDIR /build
COPY target/audience-sync.jar audience-sync.jar
# dependencies change less often than the application: separate layers. Extracted as
# audience-sync.jar + lib/ (not the launcher form): class data sharing needs plain jars
RUN java -Djarmode=tools -jar audience-sync.jar extract --layers --destination extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 audience-sync \
	&& useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin audience-sync
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
# Class data sharing: the classes that starting the whole application (left as soon as it
# is up: spring.context.exit=onRefresh) and 'status' load, parsed once into an archive that
# every start maps instead of loading them again.
# The jar is named by its absolute path, as the ENTRYPOINT names it: the archive records the
# class path it was dumped with, and a relative one would not match from another workingDir
# (the JVM then ignores the archive without a word).
RUN java -XX:DumpLoadedClassList=run.classes -Dspring.context.exit=onRefresh -jar /app/audience-sync.jar \
		run cds-training --spring.datasource.url=jdbc:h2:mem:cds \
	&& java -XX:DumpLoadedClassList=status.classes -jar /app/audience-sync.jar status --spring.datasource.url=jdbc:h2:mem:cds \
	&& cat run.classes status.classes | grep -v '^#' | sort -u > audience-sync.classes \
	&& java -Xshare:dump -XX:SharedClassListFile=audience-sync.classes -XX:SharedArchiveFile=/app/audience-sync.jsa \
		-Xlog:cds=off -jar /app/audience-sync.jar \
	&& rm -rf run.classes status.classes audience-sync.classes data
USER 10001:10001
# heap sized by the container's memory limit; G1 named, as the benchmarks measured it (a pod
# of under 2 CPUs or 1792 MB would otherwise get SerialGC); an OOM exits (the retry resumes)
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError" \
	AUDIENCE_SYNC_JOBS_DIR=/app/jobs
# exec form: java is PID 1 and gets the kubelet's SIGTERM (a clean stop at a chunk boundary);
# the archive is named here, not in JAVA_TOOL_OPTIONS, which the manifests set.
# C2 compiles a method after about ten times the usual calls: start-up's methods (Spring, YAML)
# no longer get C2 on a 2-core pod, while a row's methods, called millions of times, still do.
# JIT compiling had taken 15 of a 300,000-row run's 21 CPU-seconds (BENCHMARKS.md).
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/audience-sync.jsa", \
	"-XX:Tier4InvocationThreshold=50000", "-XX:Tier4MinInvocationThreshold=6000", \
	"-XX:Tier4CompileThreshold=60000", "-XX:Tier4BackEdgeThreshold=400000", \
	"-jar", "/app/audience-sync.jar"]
CMD ["--help"]
