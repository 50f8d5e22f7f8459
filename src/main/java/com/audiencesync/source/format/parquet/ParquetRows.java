package com.audiencesync.source.format.parquet;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.audiencesync.source.Columns;
import com.audiencesync.source.SourceRow;
import com.audiencesync.source.format.ExtractBytes;
import com.audiencesync.source.format.FormatOptions;
import com.audiencesync.source.format.RecordParser;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The rows of one Parquet extract, a row group at a time: only the row group being read
 * (its mapped columns, compressed, and one page of each decompressed) is held, so a 1 GB
 * object never sits in the heap. A row's position is its number in the file, from 1; a
 * restart passes over whole row groups before its committed row without reading them. An
 * extract that is not Parquet, is cut short or holds a page that cannot be decoded fails,
 * naming the extract and the row group.
 */
final class ParquetRows implements RecordParser {

	/** The largest buffer read at once: a column chunk above it is read in parts. */
	private static final int MAX_ALLOCATION = 8 * 1024 * 1024;

	private final ExtractBytes bytes;

	private final String display;

	private final ParquetFileReader reader;

	private final List<String> names;

	private final MessageType projected;

	private final MessageColumnIO columns;

	private RecordReader<Map<String, Object>> records;

	/** Rows of the current row group not read yet. */
	private long left;

	/** Rows read or passed over. */
	private long row;

	ParquetRows(ExtractBytes bytes, String display, FormatOptions options) throws IOException {
		this.bytes = bytes;
		this.display = display;
		try {
			this.reader = new ParquetFileReader(new PlacedInput(bytes),
					HadoopFreeReadOptions.of(new Codecs(), MAX_ALLOCATION));
		}
		catch (RuntimeException ex) {
			bytes.close();
			// parquet-java says "... is not a Parquet file" with its own name for it
			throw new IOException("not a Parquet file ("
					+ String.valueOf(ex.getMessage()).replaceAll("\\S*PlacedInput\\S*", "it") + ")", ex);
		}
		catch (IOException ex) {
			bytes.close();
			throw ex;
		}
		MessageType schema = this.reader.getFooter().getFileMetaData().getSchema();
		this.names = schema.getFields().stream().map(Type::getName).toList();
		List<Type> read = schema.getFields().stream().filter((field) -> options.reads().test(field.getName())).toList();
		// a mapping of constants only reads no column: the rows are still counted
		this.projected = read.isEmpty() ? schema : new MessageType(schema.getName(), read);
		this.reader.setRequestedSchema(this.projected);
		this.columns = new ColumnIOFactory(this.reader.getFooter().getFileMetaData().getCreatedBy())
			.getColumnIO(this.projected, schema);
	}

	@Override
	public SourceRow next() throws IOException {
		if (this.left == 0 && !nextRowGroup()) {
			return null;
		}
		Map<String, Object> values;
		try {
			values = this.records.read();
		}
		catch (RuntimeException ex) {
			throw new IOException("row group " + (this.reader.getCurrentRowGroupIndex() + 1) + " cannot be decoded at "
					+ "row " + (this.row + 1) + ": " + ex.getMessage(), ex);
		}
		this.left--;
		this.row++;
		return SourceRow.of(this.display, this.row, values);
	}

	private boolean nextRowGroup() throws IOException {
		PageReadStore pages;
		try {
			pages = this.reader.readNextRowGroup();
		}
		catch (RuntimeException ex) {
			throw new IOException(
					"row group " + (this.reader.getCurrentRowGroupIndex() + 2) + " cannot be read: " + ex.getMessage(),
					ex);
		}
		if (pages == null) {
			return false;
		}
		this.records = this.columns.getRecordReader(pages, new RowMaterializer(this.projected));
		this.left = pages.getRowCount();
		return this.left > 0 || nextRowGroup();
	}

	/** Passes over whole row groups before the row to go on from, unread. */
	@Override
	public void skip(int count) throws IOException {
		long remaining = count;
		while (remaining > 0) {
			if (this.left == 0) {
				int next = this.reader.getCurrentRowGroupIndex() + 1;
				List<org.apache.parquet.hadoop.metadata.BlockMetaData> groups = this.reader.getRowGroups();
				if (next >= groups.size()) {
					return;
				}
				long rows = groups.get(next).getRowCount();
				if (rows <= remaining) {
					this.reader.skipNextRowGroup();
					this.row += rows;
					remaining -= rows;
					continue;
				}
			}
			if (next() == null) {
				return;
			}
			remaining--;
		}
	}

	/** The file's row groups. */
	int rowGroups() {
		return this.reader.getRowGroups().size();
	}

	@Override
	public Optional<Columns> columns() {
		return Optional.of(new Columns(this.display, "in its schema", this.names, false));
	}

	/** Rows read of the rows the footer counts. */
	@Override
	public double fraction() {
		long total = this.reader.getRecordCount();
		return (total > 0) ? Math.min(1.0, (double) this.row / total) : -1;
	}

	@Override
	public long line() {
		return this.row;
	}

	@Override
	public void close() throws IOException {
		try {
			this.reader.close();
		}
		finally {
			this.bytes.close();
		}
	}

}
