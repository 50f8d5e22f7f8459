package com.audiencesync.batch.reports;

import java.time.Duration;
import java.util.List;

import com.audiencesync.delivery.Deliveries;
import com.audiencesync.delivery.DeliveryCounts;
import com.audiencesync.source.Progress;
import com.audiencesync.source.SourceRow;
import com.audiencesync.transform.Transformed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * One line per partition every {@code audience-sync.progress.interval} (10 s) or tenth of
 * its rows, whichever comes first: rows read, delivered, rejected, unchanged, rows/s and,
 * where the reader knows how far it is (bytes of a file, rows of a planned key range),
 * the share read and the ETA. A slow night is told from a hung one.
 */
public final class ProgressLog implements ChunkListener<SourceRow, List<Transformed>> {

	private static final Logger log = LoggerFactory.getLogger(ProgressLog.class);

	private final String partition;

	private final Object reader;

	private final Deliveries writer;

	private final long intervalNanos;

	private final long started = System.nanoTime();

	private long lastLine = this.started;

	private long seenAtStart = -1;

	private double fractionAtStart = -1;

	private int lastTenth;

	public ProgressLog(String partition, Object reader, Deliveries writer, Duration interval) {
		this.partition = partition;
		this.reader = reader;
		this.writer = writer;
		this.intervalNanos = interval.toNanos();
	}

	@Override
	public void afterChunk(Chunk<List<Transformed>> chunk) {
		List<DeliveryCounts> counts = this.writer.counts();
		if (counts.isEmpty()) {
			return;
		}
		DeliveryCounts first = counts.get(0);
		double fraction = Progress.of(this.reader);
		if (this.seenAtStart < 0) {
			// a restart resumes: rates count this attempt's rows only
			this.seenAtStart = first.seen() - chunk.size();
			this.fractionAtStart = fraction;
		}
		long now = System.nanoTime();
		int tenth = (fraction >= 0) ? (int) (fraction * 10) : 0;
		if (now - this.lastLine < this.intervalNanos && tenth <= this.lastTenth) {
			return;
		}
		this.lastLine = now;
		this.lastTenth = tenth;
		log.info(line(counts, fraction, now));
	}

	String line(List<DeliveryCounts> counts, double fraction, long now) {
		DeliveryCounts total = counts.stream().reduce(DeliveryCounts.none(""), DeliveryCounts::plus);
		long seen = counts.get(0).seen();
		double seconds = Math.max((now - this.started) / 1e9, 1e-3);
		double rate = (seen - this.seenAtStart) / seconds;
		StringBuilder line = new StringBuilder(this.partition).append(": ").append(seen).append(" rows read");
		if (fraction >= 0) {
			line.append(String.format(" (%.0f%%)", fraction * 100));
		}
		line.append(", ")
			.append(total.delivered())
			.append(" delivered, ")
			.append(total.rejected())
			.append(" rejected, ")
			.append(total.unchanged())
			.append(" unchanged, ")
			.append(String.format("%.0f rows/s", rate));
		double progressed = fraction - Math.max(this.fractionAtStart, 0);
		if (fraction >= 0 && progressed > 0 && fraction < 1) {
			long eta = Math.round(seconds * (1 - fraction) / progressed);
			line.append(", ETA ").append(Duration.ofSeconds(eta).toString().substring(2).toLowerCase());
		}
		return line.toString();
	}

}
