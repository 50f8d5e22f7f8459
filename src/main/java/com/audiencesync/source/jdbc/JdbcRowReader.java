package com.audiencesync.source.jdbc;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.audiencesync.names.Names;
import com.audiencesync.source.Columns;
import com.audiencesync.source.KnownColumns;
import com.audiencesync.source.Progress;
import com.audiencesync.source.SourceReadException;
import com.audiencesync.source.SourceRow;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.PagingQueryProvider;
import org.springframework.batch.infrastructure.item.database.support.SqlPagingQueryProviderFactoryBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.util.LinkedCaseInsensitiveMap;

/**
 * Reads one key range in key order, a page at a time with keyset pagination
 * ({@code WHERE key > :last ... ORDER BY key}, never OFFSET): Spring Batch's
 * {@link JdbcPagingItemReader}, which saves the last key of the committed page under
 * {@code <name>.start.after}, so a restart resumes after it. Pages are {@code chunk}
 * rows, so a commit ends a page; the page size is kept for restarts.
 * <p>
 * Rows carry their values under the column labels the driver reports, looked up without
 * regard to case. A row is found again by its key: where the run's keys are integers in
 * [0, 2^40) ({@link com.audiencesync.names.Names#JDBC_PLACES_ARE_KEYS}), its source is
 * {@code
 *
<table>
 * .<key>} and its position the key's value; otherwise the source is {@code
 *
<table>
 * [<range>]} and the position the row's ordinal in the range.
 */
final class JdbcRowReader extends JdbcPagingItemReader<SourceRow> implements Progress, KnownColumns {

	private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	/** The rows the plan counted in this key range, or -1. */
	private final long expected;

	private final DataSource dataSource;

	private final JdbcQueries queries;

	private final JdbcSourceSpec spec;

	/** The relation's columns, once asked. */
	private Columns columns;

	JdbcRowReader(String name, DataSource dataSource, JdbcQueries queries, JdbcSourceSpec spec,
			ExecutionContext partition, int pageSize) {
		super(dataSource, provider(dataSource, queries, partition));
		setName(name);
		this.dataSource = dataSource;
		this.queries = queries;
		this.spec = spec;
		this.expected = partition.containsKey(Names.SOURCE_ROWS) ? partition.getLong(Names.SOURCE_ROWS) : -1;
		// a restart keeps the first attempt's page size: the reader resumes at a position
		// within a page, which another size would misplace (a changed chunk loses rows)
		String saved = getExecutionContextKey(Names.PAGE_SIZE);
		int size = partition.containsKey(saved) ? partition.getInt(saved) : pageSize;
		setPageSize(size);
		setFetchSize(size);
		Map<String, Object> parameters = new HashMap<>();
		if (partition.containsKey(Names.JDBC_LOWER)) {
			parameters.put(JdbcQueries.LOWER, partition.get(Names.JDBC_LOWER));
		}
		if (partition.containsKey(Names.JDBC_UPPER)) {
			parameters.put(JdbcQueries.UPPER, partition.get(Names.JDBC_UPPER));
		}
		if (partition.containsKey(Names.JDBC_FROM)) {
			parameters.put(JdbcQueries.FROM, bound(partition.getString(Names.JDBC_FROM)));
			parameters.put(JdbcQueries.TO, bound(partition.getString(Names.JDBC_TO)));
		}
		setParameterValues(parameters);
		String relation = (spec.table() != null) ? spec.table() : "query";
		// older plans did not say: a key's value where it is an integer
		boolean byKey = !partition.containsKey(Names.JDBC_PLACES_ARE_KEYS)
				|| Boolean.TRUE.equals(partition.get(Names.JDBC_PLACES_ARE_KEYS));
		setRowMapper(
				new Rows(relation + "." + spec.key(), relation + "[" + partition.getString(Names.SOURCE_DISPLAY) + "]",
						spec.key(), spec.columnZoneOrDefault(), byKey));
		try {
			afterPropertiesSet();
		}
		catch (Exception ex) {
			throw new SourceReadException("cannot prepare to read " + spec.describe() + ": " + ex.getMessage(), ex);
		}
	}

	private static PagingQueryProvider provider(DataSource dataSource, JdbcQueries queries,
			ExecutionContext partition) {
		SqlPagingQueryProviderFactoryBean factory = new SqlPagingQueryProviderFactoryBean();
		factory.setDataSource(dataSource);
		factory.setSelectClause("*");
		factory.setFromClause(queries.relation());
		factory.setWhereClause(queries.rangeWhere(partition.containsKey(Names.JDBC_LOWER),
				partition.containsKey(Names.JDBC_UPPER), partition.containsKey(Names.JDBC_FROM)));
		factory.setSortKey(queries.key());
		try {
			return factory.getObject();
		}
		catch (Exception ex) {
			throw new SourceReadException(
					"cannot prepare the paging query of " + queries.relation() + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void update(ExecutionContext executionContext) {
		super.update(executionContext);
		if (isSaveState()) {
			executionContext.putInt(getExecutionContextKey(Names.PAGE_SIZE), getPageSize());
		}
	}

	@Override
	public SourceRow read() throws Exception {
		SourceRow row = super.read();
		if (row == null || row.position() >= 0) {
			return row;
		}
		// no integer key: the row's ordinal in its range, which keyset order keeps stable
		return SourceRow.of(row.source(), getCurrentItemCount(), row.values());
	}

	/** JDBC rows to source rows: text, numbers, booleans and ISO date-times. */
	private record Rows(String byKey, String byOrdinal, String key, ZoneId columnZone,
			boolean placesAreKeys) implements RowMapper<SourceRow> {

		@Override
		public SourceRow mapRow(ResultSet rs, int rowNum) throws SQLException {
			ResultSetMetaData meta = rs.getMetaData();
			Map<String, Object> values = new LinkedCaseInsensitiveMap<>(meta.getColumnCount());
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				Object value = value(rs, i, zoned(meta, i) ? Types.TIMESTAMP_WITH_TIMEZONE : meta.getColumnType(i));
				if (value != null) {
					values.put(meta.getColumnLabel(i), value);
				}
			}
			Object key = values.get(this.key);
			if (this.placesAreKeys && integral(key)) {
				return SourceRow.of(this.byKey, ((Number) key).longValue(), values);
			}
			return SourceRow.of(this.byOrdinal, -1, values);
		}

		private Object value(ResultSet rs, int column, int type) throws SQLException {
			switch (type) {
				case Types.TIMESTAMP: {
					// no zone in the column: the warehouse's column zone says which
					LocalDateTime value = rs.getObject(column, LocalDateTime.class);
					return (value != null) ? ISO.format(value.atZone(this.columnZone)) : null;
				}
				case Types.TIMESTAMP_WITH_TIMEZONE: {
					OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
					return (value != null) ? ISO.format(value) : null;
				}
				case Types.DATE: {
					LocalDate value = rs.getObject(column, LocalDate.class);
					return (value != null) ? value.toString() : null;
				}
				case Types.TIME: {
					LocalTime value = rs.getObject(column, LocalTime.class);
					return (value != null) ? value.toString() : null;
				}
				case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB:
					// bytes have no place in a vendor's fields: not read
					return null;
				case Types.CLOB, Types.NCLOB:
					return rs.getString(column);
				default: {
					Object value = rs.getObject(column);
					if (value == null || value instanceof String || value instanceof Number
							|| value instanceof Boolean) {
						return value;
					}
					return (value instanceof byte[]) ? null : value.toString();
				}
			}
		}

	}

	/**
	 * Whether a column holds instants: {@code TIMESTAMP WITH TIME ZONE}, which
	 * PostgreSQL's driver reports as a {@code TIMESTAMP} named {@code timestamptz}.
	 */
	static boolean zoned(ResultSetMetaData meta, int column) throws SQLException {
		String name = meta.getColumnTypeName(column);
		return meta.getColumnType(column) == Types.TIMESTAMP_WITH_TIMEZONE
				|| (name != null && (name.equalsIgnoreCase("timestamptz")
						|| name.toUpperCase(java.util.Locale.ROOT).contains("WITH TIME ZONE")));
	}

	/**
	 * A window's bound as the plan kept it: an instant with its offset for a column of
	 * instants, else a date-time in the column zone.
	 */
	static Object bound(String kept) {
		return DateTimeFormatter.ISO_DATE_TIME.parseBest(kept, OffsetDateTime::from, LocalDateTime::from);
	}

	/** Whether a key's value is an integer of at most 63 bits, as a driver returns it. */
	static boolean integral(Object key) {
		return key instanceof Long || key instanceof Integer || key instanceof Short || key instanceof Byte
				|| (key instanceof BigInteger big && big.bitLength() < 64);
	}

	/**
	 * The labels the relation's rows carry, from the metadata of a query that returns no
	 * row: known before the first page is read.
	 */
	@Override
	public Optional<Columns> columns() {
		if (this.columns == null) {
			try {
				List<String> names = new JdbcTemplate(this.dataSource).query(this.queries.columns(), (rs) -> {
					ResultSetMetaData meta = rs.getMetaData();
					List<String> labels = new ArrayList<>(meta.getColumnCount());
					for (int i = 1; i <= meta.getColumnCount(); i++) {
						labels.add(meta.getColumnLabel(i));
					}
					return labels;
				});
				this.columns = (this.spec.table() != null)
						? new Columns("table " + this.spec.table(), "among its columns", names, true)
						: new Columns("source.query", "among the columns it returns", names, true);
			}
			catch (DataAccessException ex) {
				throw new SourceReadException("cannot read the columns of " + this.spec.describe() + ": "
						+ ex.getMostSpecificCause().getMessage(), ex);
			}
		}
		return Optional.of(this.columns);
	}

	@Override
	public double fraction() {
		return (this.expected > 0) ? Math.min(1.0, (double) getCurrentItemCount() / this.expected) : -1;
	}

}
