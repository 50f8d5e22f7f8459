package com.audiencesync.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.audiencesync.crypto.KeyedHash;
import com.audiencesync.names.Names;
import com.audiencesync.source.SourceRow;
import com.audiencesync.state.RejectedRows;
import com.audiencesync.state.RejectedRows.Stored;
import com.audiencesync.state.RowText;
import com.audiencesync.state.Target;
import com.audiencesync.transform.Transformed;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Rejected rows a data team fixed, sent as an import ({@code rejected --import}): the
 * rows of a file in the export's format, each matched to the rejected row it fixes (by
 * its {@code rejected_id}, or by run, source, line and destination in an export without
 * it), mapped with today's mapping and sent to that row's destination. Once the vendor
 * takes a fixed row (or already holds it), the rejection it fixes is marked resolved by
 * this run, with every other attempt at the same row, in the chunk's transaction; a fixed
 * row still bad is rejected again as this run's and its original stays as it was. A
 * sandbox's import changes nothing a real run sends: it resolves only rows that sandbox
 * runs rejected (the others are sent to the emulator, as a trial), and a real import
 * takes no row a sandbox's run rejected.
 */
public final class Imports {

	/** Reads a changed cell as JSON where the row as read held JSON there. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private final RejectedRows rejectedRows;

	private final SyncStores stores;

	private final Path file;

	private final String digest;

	private final String destination;

	private final DeliveryWriter.Context context;

	/** The rejection each row read and not yet written fixes, by its line. */
	private final Map<Long, Stored> fixes = new ConcurrentHashMap<>();

	/**
	 * @param rejectedRows the table
	 * @param stores the run's stores: the sealer opens the rows as read, the keyed hash
	 * tells whether the file is still the one the run began with
	 * @param file the file of fixed rows
	 * @param digest its digest when the run began ({@link #digest})
	 * @param destination the destination whose rows this step sends
	 * ({@code vendor/endpoint})
	 * @param context where the rows go: the job, the import run and its execution
	 */
	public Imports(RejectedRows rejectedRows, SyncStores stores, Path file, String digest, String destination,
			DeliveryWriter.Context context) {
		this.rejectedRows = rejectedRows;
		this.stores = stores;
		this.file = file;
		this.digest = digest;
		this.destination = destination;
		this.context = context;
	}

	/**
	 * What an import will send, found before anything is.
	 *
	 * @param file the file's name
	 * @param rows rows to send
	 * @param fixedAlready rows whose rejection an earlier import resolved (not sent
	 * again)
	 * @param fixedIn one such import, or null
	 * @param trial rows a real run rejected that a sandbox's import sends only as a trial
	 * (their rejections stay as they were)
	 */
	public record Plan(String file, int rows, int fixedAlready, String fixedIn, int trial) {
	}

	/**
	 * Reads the whole file and finds the rejection each row fixes; fails naming the first
	 * line that is not a row of the export's format, matches no rejected row of the job
	 * (or several), is for a destination the spec no longer has, or fixes a row another
	 * line fixes too (unless both are attempts at a refused row, alike: those are one),
	 * or, for a real import, was rejected by a sandbox's run. Sends nothing.
	 * @param sandbox whether the import sends to the sandbox
	 * @throws IllegalArgumentException naming the file and line
	 */
	public static Plan check(Path file, String job, Collection<String> destinations, RejectedRows rejectedRows,
			boolean sandbox) {
		Map<Long, FixedFile.Row> firstAttempts = new HashMap<>();
		int rows = 0;
		int fixedAlready = 0;
		int trial = 0;
		String fixedIn = null;
		try (FixedFile fixed = FixedFile.open(file)) {
			FixedFile.Row row;
			while ((row = fixed.next()) != null) {
				String at = fixed.display() + ":" + row.line() + ": ";
				String destination = row.rejection().destination();
				if (!destinations.contains(destination)) {
					throw new IllegalArgumentException(at + "destination '" + destination + "' is not one of " + job
							+ "'s (" + String.join(", ", destinations) + ")");
				}
				Stored rejection = rejection(rejectedRows, job, at, row.rejection());
				long first = rejectedRows.attempts(rejection).get(0).id();
				FixedFile.Row other = firstAttempts.putIfAbsent(first, row);
				if (other != null) {
					if (other.rejection().equals(row.rejection()) || !other.cells().equals(row.cells())) {
						throw new IllegalArgumentException(at + "fixes the same rejected row as line " + other.line()
								+ ((other.rejection().equals(row.rejection())) ? ""
										: " (another run's attempt at it) with other values")
								+ ": keep one of the two lines");
					}
					// an export holds every run's attempt at a refused row: alike, they
					// are one
					continue;
				}
				if (rejection.resolvedRun() != null) {
					fixedAlready++;
					fixedIn = rejection.resolvedRun();
				}
				else {
					rows++;
					trial += resolves(rejectedRows, rejection, sandbox, at) ? 0 : 1;
				}
			}
			if (rows + fixedAlready == 0) {
				throw new IllegalArgumentException(fixed.display() + " holds no rows: nothing to import");
			}
			return new Plan(fixed.display(), rows, fixedAlready, fixedIn, trial);
		}
	}

	/**
	 * Whether an import resolves that rejection once its fixed row is delivered: a
	 * sandbox's import only a sandbox run's, a real one any other.
	 * @throws IllegalArgumentException when a real import meets a sandbox run's row
	 */
	private static boolean resolves(RejectedRows rejectedRows, Stored rejection, boolean sandbox, String at) {
		boolean ofSandbox = Target.SANDBOX.equals(rejectedRows.account(rejection.row().jobExecutionId()));
		if (ofSandbox && !sandbox) {
			throw new IllegalArgumentException(at + "rejected row " + rejection.id() + " was rejected by a --sandbox "
					+ "run: its fixed row goes to the sandbox only (--import with --sandbox)");
		}
		return ofSandbox == sandbox;
	}

	/**
	 * The rejected row of the job a row of the file fixes: the one its
	 * {@code rejected_id} names, which must be where its other columns say; else the only
	 * one of that run, source, line and destination.
	 */
	static Stored rejection(RejectedRows rejectedRows, String job, String at, FixedFile.Rejection said) {
		String where = "run " + said.run() + ", " + said.source() + ":" + said.position() + ", destination "
				+ said.destination();
		if (said.id() != null) {
			Stored stored = rejectedRows.get(job, said.id())
				.orElseThrow(() -> new IllegalArgumentException(
						at + "rejected_id " + said.id() + " is not a rejected row of " + job));
			if (!stored.row().runKey().equals(said.run()) || !stored.row().source().equals(said.source())
					|| stored.row().position() != said.position()
					|| !stored.row().destination().equals(said.destination())) {
				throw new IllegalArgumentException(at + "rejected row " + said.id() + " is not the one of " + where
						+ ": were its trailing columns changed?");
			}
			return stored;
		}
		List<Stored> found = rejectedRows.at(job, said.run(), said.source(), said.position(), said.destination());
		if (found.isEmpty()) {
			throw new IllegalArgumentException(at + "no rejected row of " + job + " is of " + where);
		}
		if (found.size() > 1) {
			throw new IllegalArgumentException(at + found.size() + " rejected rows of " + job + " are of " + where
					+ ": export them again (its rejected_id column tells them apart)");
		}
		return found.get(0);
	}

	/**
	 * A keyed digest of the file's bytes, in hex: the import's identity, which tells
	 * nothing of what the file holds.
	 */
	public static String digest(Path file, KeyedHash hash) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(OutputStream.nullOutputStream());
			byte[] sha = ((DigestInputStream) in).getMessageDigest().digest();
			byte[] keyed = hash.of("rejected-import", HexFormat.of().formatHex(sha));
			return HexFormat.of().formatHex(keyed, 0, 8);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(
					file.getFileName() + ": cannot be read (" + ex.getClass().getSimpleName() + ")", ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

	/**
	 * The values of a fixed row: the row as read wherever the file holds what the export
	 * wrote of it (so numbers, nested values and columns the file leaves out stay exactly
	 * as read), and what the data team wrote where it changed a cell: a text, as a CSV
	 * extract's cells are, or where the row as read held a number, true or false, an
	 * object or an array (a JSON lines source), such a value if the cell is one in JSON.
	 * @param read the row as read, or null where it could not be parsed
	 * @param cells the file's cells by column
	 */
	static Map<String, Object> values(Map<String, Object> read, Map<String, String> cells) {
		Map<String, Object> values = (read != null) ? new LinkedHashMap<>(read) : new LinkedHashMap<>();
		cells.forEach((column, cell) -> {
			if (read == null) {
				values.put(column, cell);
				return;
			}
			Object before = read.get(column);
			if (cell.equals(RowText.cell(before))) {
				// unchanged: as read (a column of other rows stays absent)
				return;
			}
			values.put(column, (before == null || before instanceof String) ? cell : json(cell));
		});
		return values;
	}

	private static Object json(String cell) {
		try {
			Object value = JSON.readValue(cell, Object.class);
			return (value instanceof String) ? cell : value;
		}
		catch (JacksonException ex) {
			return cell;
		}
	}

	/**
	 * Reads the file's rows for this destination, each with the values of its fixed row
	 * (source: the file, position: its line); rows whose rejection is resolved already,
	 * and a second line of another attempt at the same row, are passed over. A restart
	 * goes on after the last row of the last committed chunk.
	 */
	public ItemStreamReader<SourceRow> reader() {
		return new ItemStreamReader<>() {

			private FixedFile fixed;

			/**
			 * The first attempts at the rows read (the check found their lines alike).
			 */
			private final Set<Long> rows = new HashSet<>();

			@Override
			public void open(ExecutionContext executionContext) {
				if (!digest(Imports.this.file, Imports.this.stores.hash()).equals(Imports.this.digest)) {
					throw new IllegalStateException(Imports.this.file.getFileName() + " changed since this import "
							+ "began: import it again as a new file (rejected <job> --import)");
				}
				this.fixed = FixedFile.open(Imports.this.file);
				this.fixed.skip(executionContext.getLong(Names.IMPORT_READ, 0L));
			}

			@Override
			public SourceRow read() {
				FixedFile.Row row;
				while ((row = this.fixed.next()) != null) {
					if (!row.rejection().destination().equals(Imports.this.destination)) {
						continue;
					}
					Stored rejection = rejection(Imports.this.rejectedRows, Imports.this.context.jobName(),
							this.fixed.display() + ":" + row.line() + ": ", row.rejection());
					if (rejection.resolvedRun() != null
							|| !this.rows.add(Imports.this.rejectedRows.attempts(rejection).get(0).id())) {
						continue;
					}
					Map<String, Object> read = (rejection.row().rowSealed() != null) ? Imports.this.stores.sealer()
						.openValues(rejection.row().rowSealed(), rejection.row().sealContext()) : null;
					if (resolves(Imports.this.rejectedRows, rejection,
							Target.SANDBOX.equals(Imports.this.stores.account()),
							this.fixed.display() + ":" + row.line() + ": ")) {
						Imports.this.fixes.put(row.line(), rejection);
					}
					return SourceRow.of(this.fixed.display(), row.line(), values(read, row.cells()));
				}
				return null;
			}

			@Override
			public void update(ExecutionContext executionContext) {
				executionContext.putLong(Names.IMPORT_READ, this.fixed.read());
			}

			@Override
			public void close() {
				if (this.fixed != null) {
					this.fixed.close();
					this.fixed = null;
				}
			}

		};
	}

	/**
	 * Delivers each chunk, then marks resolved, in the chunk's transaction, the
	 * rejections of the rows the vendor took or already held: those accepted and not
	 * rejected by this run.
	 */
	public <T extends Transformed> ItemStreamWriter<T> writer(DeliveryWriter<?> delivery) {
		return new ItemStreamWriter<>() {

			@Override
			public void write(Chunk<? extends T> chunk) throws Exception {
				delivery.write(new Chunk<Transformed>(new ArrayList<>(chunk.getItems())));
				List<Long> accepted = new ArrayList<>();
				String source = null;
				for (T item : chunk) {
					if (item instanceof Transformed.Accepted) {
						accepted.add(item.origin().position());
						source = item.origin().source();
					}
				}
				DeliveryWriter.Context context = Imports.this.context;
				Set<Long> rejected = (source != null) ? Imports.this.rejectedRows.rejectedAt(context.jobName(),
						context.runKey(), Imports.this.destination, source, accepted) : Set.of();
				List<Long> resolved = new ArrayList<>();
				for (Long line : accepted) {
					Stored rejection = Imports.this.fixes.get(line);
					if (rejection != null && !rejected.contains(line)) {
						Imports.this.rejectedRows.attempts(rejection).forEach((each) -> resolved.add(each.id()));
					}
				}
				Imports.this.rejectedRows.resolved(resolved, context.runKey(), context.jobExecutionId());
				chunk.forEach((item) -> Imports.this.fixes.remove(item.origin().position()));
			}

			@Override
			public void open(ExecutionContext executionContext) {
				delivery.open(executionContext);
			}

			@Override
			public void update(ExecutionContext executionContext) {
				delivery.update(executionContext);
			}

			@Override
			public void close() {
				delivery.close();
			}

		};
	}

}
