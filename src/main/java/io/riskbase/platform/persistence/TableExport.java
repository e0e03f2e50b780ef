package io.riskbase.platform.persistence;

import io.riskbase.platform.errors.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Streams the rows of one query from a database cursor straight into a response, as CSV (RFC 4180, header row), NDJSON
 * (the same names as keys, absent values left out) or XLSX (one sheet, header row, {@link Xlsx}): the heap holds one
 * fetch of rows and one output buffer whatever the count. The query is the caller's (a repository's, with its tenant);
 * its columns are named by {@link Column}s in output order.
 */
public final class TableExport {

    private static final int FETCH_SIZE = 1000;

    /** How a column's value is written in NDJSON (CSV writes every value as text, XLSX numbers as numbers). */
    public enum Kind {
        TEXT,
        NUMBER,
        /** a comma-separated column: an array in NDJSON */
        LIST,
        /** JSON text: the value itself in NDJSON, the text in CSV and XLSX */
        JSON
    }

    /** One output column: its name (the query's column label) and kind. */
    public record Column(String name, Kind kind) {
        public static Column text(String name) {
            return new Column(name, Kind.TEXT);
        }

        public static Column number(String name) {
            return new Column(name, Kind.NUMBER);
        }

        public static Column list(String name) {
            return new Column(name, Kind.LIST);
        }

        public static Column json(String name) {
            return new Column(name, Kind.JSON);
        }
    }

    public enum Format {
        CSV("text/csv; charset=UTF-8", "csv"),
        NDJSON("application/x-ndjson", "ndjson"),
        XLSX(Xlsx.MEDIA_TYPE, "xlsx");

        public final String mediaType;
        public final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        public static Format parse(String value) {
            if (value == null || value.isBlank()) {
                return CSV;
            }
            for (Format f : values()) {
                if (f.extension.equalsIgnoreCase(value.strip())) {
                    return f;
                }
            }
            throw ApiException.badRequest("Query parameter 'format' must be csv, ndjson or xlsx, was '"
                    + io.riskbase.platform.web.QueryParams.abbreviate(value) + "'");
        }

        /** The answer that streams {@code body} as a download named {@code name} with this format's extension. */
        public Response attachment(String name, StreamingOutput body) {
            return Response.ok(body, mediaType)
                    .header("Content-Disposition", "attachment; filename=\"" + name + "." + extension + "\"")
                    .build();
        }
    }

    private TableExport() {}

    /**
     * Runs the query on a connection of its own (read-only, rolled back: a cursor needs a transaction on PostgreSQL)
     * and writes its rows. A database failure before the first row is a 503; a client going away ends the cursor.
     */
    public static void write(
            DataSource dataSource, String sql, List<?> params, List<Column> columns, Format format, OutputStream out)
            throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setFetchSize(FETCH_SIZE);
                // a large export legitimately runs for minutes: it ends when the rows or the client do
                s.setQueryTimeout(0);
                for (int i = 0; i < params.size(); i++) {
                    // instants bound in UTC, as the rows' timestamps are written out
                    s.setObject(
                            i + 1,
                            params.get(i) instanceof OffsetDateTime t
                                    ? t.withOffsetSameInstant(ZoneOffset.UTC)
                                    : params.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    switch (format) {
                        case CSV -> csv(rs, columns, writer);
                        case NDJSON -> ndjson(rs, columns, writer);
                        case XLSX -> xlsx(rs, columns, out);
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw ApiException.unavailable("The export cannot run right now", 5);
        }
        writer.flush();
    }

    private static void csv(ResultSet rs, List<Column> columns, Writer writer) throws SQLException, IOException {
        CsvWriter csv = new CsvWriter(writer);
        csv.record(columns.stream().map(Column::name).toList());
        List<String> cells = new ArrayList<>(columns.size());
        while (rs.next()) {
            cells.clear();
            for (Column column : columns) {
                Object v = value(rs, column.name());
                cells.add(v == null ? "" : v.toString());
            }
            csv.record(cells);
        }
    }

    /** One sheet named for nothing in particular ("export"), the header row first, numbers as numbers. */
    private static void xlsx(ResultSet rs, List<Column> columns, OutputStream out) throws SQLException, IOException {
        Xlsx.SheetWriter sheet = new Xlsx.SheetWriter(
                out, "export", columns.stream().map(Column::name).toList());
        List<Object> cells = new ArrayList<>(columns.size());
        while (rs.next()) {
            cells.clear();
            for (Column column : columns) {
                Object v = value(rs, column.name());
                cells.add(column.kind() == Kind.NUMBER && v instanceof Number n ? n : v == null ? null : v.toString());
            }
            sheet.values(cells);
        }
        sheet.finish();
    }

    private static void ndjson(ResultSet rs, List<Column> columns, Writer writer) throws SQLException, IOException {
        while (rs.next()) {
            JsonObjectBuilder o = Json.createObjectBuilder();
            for (Column column : columns) {
                Object v = value(rs, column.name());
                if (v == null || (v instanceof String text && text.isEmpty())) {
                    continue;
                }
                switch (column.kind()) {
                    case NUMBER -> o.add(column.name(), ((Number) v).longValue());
                    case LIST ->
                        o.add(
                                column.name(),
                                Json.createArrayBuilder(List.of(v.toString().split(","))));
                    case TEXT -> o.add(column.name(), v.toString());
                    case JSON -> {
                        try (jakarta.json.JsonReader reader =
                                Json.createReader(new java.io.StringReader(v.toString()))) {
                            o.add(column.name(), reader.readValue());
                        }
                    }
                }
            }
            writer.write(o.build().toString());
            writer.write('\n');
        }
    }

    /** Timestamps in UTC, ISO-8601; dates as yyyy-mm-dd; everything else as the driver reads it. */
    private static Object value(ResultSet rs, String column) throws SQLException {
        Object v = rs.getObject(column);
        if (v instanceof java.sql.Timestamp || v instanceof OffsetDateTime) {
            return rs.getObject(column, OffsetDateTime.class)
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        if (v instanceof java.sql.Date) {
            return rs.getObject(column, java.time.LocalDate.class).toString();
        }
        return v;
    }
}
