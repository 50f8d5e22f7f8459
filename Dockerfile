# The audience-sync image: a layered Spring Boot jar on a JRE, run as a non-root user.
#   ./mvnw -DskipTests package && docker build -t audience-sync:0.1.0 .
# (No Docker daemon on the development machines: this file is checked by
# ManifestsTests, not built there.)
FROM eclipse-temurin:17-jre AS layers
WORKDIR /build
COPY target/audience-sync.jar audience-sync.jar
# dependencies change less often than the application: separate layers
RUN java -Djarmode=tools -jar audience-sync.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 audience-sync \
	&& useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin audience-sync
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001:10001
# heap sized by the container's memory limit; an OOM exits (the CronJob's retry resumes)
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
	AUDIENCE_SYNC_JOBS_DIR=/app/jobs
# exec form: java is PID 1 and gets the kubelet's SIGTERM (a clean stop at a chunk boundary)
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
CMD ["--help"]
