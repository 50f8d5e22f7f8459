package com.audiencesync.delivery;

import java.util.ArrayList;
import java.util.List;

import com.audiencesync.transform.Transformed;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Delivers each mapped row to every destination of the spec: the i-th mapping of a row
 * goes to the i-th writer, each with its own counters and rejected rows. A chunk commits
 * only when every destination has delivered it; a failure in one rolls the chunk back for
 * all (the restart sends it again, so delivery is at least once per destination).
 */
public final class Deliveries implements ItemStreamWriter<List<Transformed>> {

	private final List<DeliveryWriter<?>> writers;

	public Deliveries(List<DeliveryWriter<?>> writers) {
		this.writers = writers;
	}

	@Override
	public void write(Chunk<? extends List<Transformed>> chunk) throws Exception {
		for (int i = 0; i < this.writers.size(); i++) {
			List<Transformed> items = new ArrayList<>(chunk.size());
			for (List<Transformed> row : chunk) {
				items.add(row.get(i));
			}
			this.writers.get(i).write(new Chunk<>(items));
		}
	}

	/**
	 * Every destination's live counters (of this partition, its earlier attempts
	 * included).
	 */
	public List<DeliveryCounts> counts() {
		return this.writers.stream().map(DeliveryWriter::counts).toList();
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.writers.forEach((writer) -> writer.open(executionContext));
	}

	@Override
	public void update(ExecutionContext executionContext) {
		this.writers.forEach((writer) -> writer.update(executionContext));
	}

	/**
	 * The partition's reader has read its last row (from the reader, in the last chunk's
	 * transaction).
	 */
	public void sourceEnded() {
		this.writers.forEach(DeliveryWriter::sourceEnded);
	}

	@Override
	public void close() {
		this.writers.forEach(DeliveryWriter::close);
	}

}
