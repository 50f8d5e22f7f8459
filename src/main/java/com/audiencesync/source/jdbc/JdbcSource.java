package com.audiencesync.source.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.audiencesync.names.Names;
import com.audiencesync.source.PlannedSource;
import com.audiencesync.source.SourceReadException;
import com.audiencesync.source.SourceRow;
import com.audiencesync.source.SourceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * A warehouse table or query, split into {@code grid-size} ranges of its unique key at
 * the key's quantiles ({@code NTILE}), so skewed keys still give ranges of equal row
 * counts. The ranges and the window are planned once per run and kept: a restart re-runs
 * exactly the first attempt's ranges, each from its last committed key.
 */
public final class JdbcSource extends PlannedSource<LinkedHashMap<String, Object>> {

	private static final Logger log = LoggerFactory.getLogger(JdbcSource.class);

	private final DataSource dataSource;

	private final JdbcSourceSpec spec;

	private final LocalDate from;

	private final LocalDate to;

	private final ZoneId zone;

	private final int pageSize;

	private final JdbcQueries queries;

	/**
	 * @param dataSource the warehouse
	 * @param spec the source spec
	 * @param jobRepository keeps the plan as soon as it is made
	 * @param from the run's first business day
	 * @param to the run's last business day
	 * @param zone the business zone the days are in
	 * @param pageSize rows per query (the chunk size, so a restart resumes at a page
	 * boundary)
	 */
	public JdbcSource(DataSource dataSource, JdbcSourceSpec spec, JobRepository jobRepository, LocalDate from,
			LocalDate to, ZoneId zone, int pageSize) {
		super(jobRepository, Names.JDBC_PLAN);
		this.dataSource = dataSource;
		this.spec = spec;
		this.from = from;
		this.to = to;
		this.zone = zone;
		this.pageSize = pageSize;
		this.queries = new JdbcQueries(spec);
	}

	@Override
	protected LinkedHashMap<String, Object> plan(int gridSize) {
		LinkedHashMap<String, Object> plan = new LinkedHashMap<>();
		List<Object> window = new ArrayList<>();
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		try {
			if (this.spec.readsWindow()) {
				ZoneId columns = this.spec.columnZoneOrDefault();
				ZonedDateTime start = this.from.atStartOfDay(this.zone).withZoneSameInstant(columns);
				ZonedDateTime end = this.to.plusDays(1).atStartOfDay(this.zone).withZoneSameInstant(columns);
				// a column of instants (timestamptz) is compared with instants, one of
				// date-times with date-times in the column zone
				boolean instants = Boolean.TRUE.equals(jdbc.query(this.queries.windowColumn(),
						(ResultSetExtractor<Boolean>) (rs) -> JdbcRowReader.zoned(rs.getMetaData(), 1)));
				Object from = instants ? start.toOffsetDateTime() : start.toLocalDateTime();
				Object to = instants ? end.toOffsetDateTime() : end.toLocalDateTime();
				plan.put(Names.JDBC_FROM, from.toString());
				plan.put(Names.JDBC_TO, to.toString());
				window.add(from);
				window.add(to);
			}
			plan.put(Names.JDBC_PLACES_ARE_KEYS, checkKey(jdbc, window));
			List<Object> uppers = new ArrayList<>();
			List<Long> sizes = new ArrayList<>();
			jdbc.query(this.queries.tiles(Math.max(gridSize, 1)), (rs) -> {
				uppers.add(rs.getObject(2));
				sizes.add(rs.getLong(3));
			}, window.toArray());
			plan.put(Names.JDBC_UPPERS, uppers);
			plan.put(Names.JDBC_SIZES, sizes);
			if (uppers.isEmpty() && !this.spec.completesWhenEmpty()) {
				throw new SourceReadException("no rows to read in " + describeWindow()
						+ ": nothing to sync (source.on-empty: complete lets such a run complete)");
			}
			log.info("{}: {} row(s) in {} key range(s) of {} to {} rows", describeWindow(),
					sizes.stream().mapToLong(Long::longValue).sum(), sizes.size(),
					sizes.stream().mapToLong(Long::longValue).min().orElse(0),
					sizes.stream().mapToLong(Long::longValue).max().orElse(0));
			return plan;
		}
		catch (DataAccessException ex) {
			throw new SourceReadException("cannot plan the key ranges of " + describe() + ": " + rootMessage(ex), ex);
		}
	}

	/**
	 * Reading by key ranges loses the rows of a null key and repeats or loses the rows of
	 * a shared one: refuse both, naming the column.
	 * @return whether the rows' places are their keys: every key an integer in [0, 2^40),
	 * so a place stays with its row whatever is inserted or deleted around it (a planned
	 * night's delivery finds its planned rows by them); otherwise places are ordinals in
	 * their ranges
	 */
	private boolean checkKey(JdbcTemplate jdbc, List<Object> window) {
		Object[] bounds = new Object[2];
		long[] counts = jdbc.queryForObject(this.queries.keyCounts(), (rs, row) -> {
			bounds[0] = rs.getObject(4);
			bounds[1] = rs.getObject(5);
			return new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) };
		}, window.toArray());
		long nulls = counts[0] - counts[1];
		long shared = counts[1] - counts[2];
		if (nulls > 0) {
			throw new SourceReadException("source.key '" + this.spec.key() + "' is null in " + nulls + " row(s) of "
					+ describeWindow() + ": rows are read by key ranges, so the key must be a non-null unique column");
		}
		if (shared > 0) {
			throw new SourceReadException("source.key '" + this.spec.key() + "' is not unique in " + describeWindow()
					+ ": " + shared + " row(s) repeat another row's key, and reading by key ranges would lose them; "
					+ "use a unique column (or a query that has one)");
		}
		return JdbcRowReader.integral(bounds[0]) && JdbcRowReader.integral(bounds[1])
				&& ((Number) bounds[0]).longValue() >= 0 && ((Number) bounds[1]).longValue() < MAX_PLACE;
	}

	/** The first place a row cannot have: a planned night's places have so many bits. */
	private static final long MAX_PLACE = 1L << Names.PLACE_BITS;

	@Override
	protected Map<String, ExecutionContext> partitions(LinkedHashMap<String, Object> plan) {
		@SuppressWarnings("unchecked")
		List<Object> uppers = (List<Object>) plan.get(Names.JDBC_UPPERS);
		@SuppressWarnings("unchecked")
		List<Number> sizes = (List<Number>) plan.get(Names.JDBC_SIZES);
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		int count = uppers.size();
		for (int i = 0; i < count; i++) {
			String display = Names.keyRange(i + 1, count);
			ExecutionContext context = new ExecutionContext();
			context.putString(Names.SOURCE_DISPLAY, display);
			if (i > 0) {
				context.put(Names.JDBC_LOWER, uppers.get(i - 1));
			}
			if (i < count - 1) {
				context.put(Names.JDBC_UPPER, uppers.get(i));
			}
			if (sizes != null && i < sizes.size()) {
				context.putLong(Names.SOURCE_ROWS, sizes.get(i).longValue());
			}
			if (plan.containsKey(Names.JDBC_PLACES_ARE_KEYS)) {
				context.put(Names.JDBC_PLACES_ARE_KEYS, plan.get(Names.JDBC_PLACES_ARE_KEYS));
			}
			if (plan.containsKey(Names.JDBC_FROM)) {
				context.putString(Names.JDBC_FROM, (String) plan.get(Names.JDBC_FROM));
				context.putString(Names.JDBC_TO, (String) plan.get(Names.JDBC_TO));
			}
			partitions.put(Names.partition(display), context);
		}
		return partitions;
	}

	@Override
	public ItemStreamReader<SourceRow> reader(ExecutionContext partition) {
		return new JdbcRowReader(Names.READER, this.dataSource, this.queries, this.spec, partition, this.pageSize);
	}

	/**
	 * A reader of the whole relation, outside any key range or window: the checks before
	 * a run ask it for its columns only.
	 */
	@Override
	public Optional<ItemStreamReader<SourceRow>> first() {
		ExecutionContext whole = new ExecutionContext();
		whole.putString(Names.SOURCE_DISPLAY, "all");
		return Optional.of(reader(whole));
	}

	@Override
	public String describe() {
		return this.spec.describe();
	}

	/**
	 * A table's rows can be inserted, changed or deleted between a planned night's plan
	 * and its delivery.
	 */
	@Override
	public boolean placesMayMove() {
		return true;
	}

	/** The warehouse answers: a connection opens and is valid. */
	@Override
	public void check() {
		try (Connection connection = this.dataSource.getConnection()) {
			if (!connection.isValid(5)) {
				throw new SourceUnavailableException("source.datasource '" + this.spec.datasourceOrDefault()
						+ "': the warehouse's connection is not valid");
			}
		}
		catch (SQLException ex) {
			throw new SourceUnavailableException("source.datasource '" + this.spec.datasourceOrDefault()
					+ "': the warehouse refuses the connection: " + rootMessage(ex), ex);
		}
	}

	private String describeWindow() {
		if (!this.spec.readsWindow()) {
			return describe();
		}
		return describe() + " updated in [" + this.from + ", " + this.to.plusDays(1) + ") " + this.zone;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage();
	}

}
