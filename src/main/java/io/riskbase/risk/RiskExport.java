package io.riskbase.risk;

import io.riskbase.platform.persistence.CsvWriter;
import io.riskbase.platform.persistence.TableExport.Format;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Streams an organization's risks from a database cursor straight into the response: the heap holds one fetch of rows
 * and one output buffer whatever the count. CSV has exactly the columns an import reads ({@link RiskCsv}); NDJSON has
 * the same names as keys, one object per line; XLSX the CSV's header and cells in a sheet named "risks".
 */
@ApplicationScoped
public class RiskExport {

    @Inject
    RiskRepository risks;

    @Inject
    RiskImport imports;

    /** Writes every matching risk; outside any transaction (the cursor holds its own read-only one). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void write(long orgId, RiskFilter filter, Format format, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        org.eclipse.microprofile.metrics.Counter rows = imports.exported();
        try {
            if (format == Format.XLSX) {
                // the sheet an import looks for first; the cells are the CSV's, text as the import reads them
                io.riskbase.platform.persistence.Xlsx.SheetWriter sheet =
                        new io.riskbase.platform.persistence.Xlsx.SheetWriter(out, RiskCsv.SHEET, RiskCsv.COLUMNS);
                risks.export(orgId, filter, row -> {
                    try {
                        sheet.row(RiskCsv.cells(row.content(), row.externalId(), row.ownerEmail()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    rows.inc();
                });
                sheet.finish();
            } else if (format == Format.CSV) {
                CsvWriter csv = new CsvWriter(writer);
                csv.record(RiskCsv.COLUMNS);
                risks.export(orgId, filter, row -> {
                    try {
                        csv.record(RiskCsv.cells(row.content(), row.externalId(), row.ownerEmail()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    rows.inc();
                });
            } else {
                risks.export(orgId, filter, row -> {
                    try {
                        writer.write(json(row).toString());
                        writer.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    rows.inc();
                });
            }
        } catch (UncheckedIOException e) {
            // the client went away: the cursor is closed on the way out
            throw e.getCause();
        }
        writer.flush();
    }

    /** The CSV cells as JSON: numbers as numbers, tags as an array, absent values omitted. */
    static jakarta.json.JsonObject json(RiskRepository.ExportRow row) {
        List<String> cells = RiskCsv.cells(row.content(), row.externalId(), row.ownerEmail());
        JsonObjectBuilder o = Json.createObjectBuilder();
        for (int i = 0; i < RiskCsv.COLUMNS.size(); i++) {
            String column = RiskCsv.COLUMNS.get(i);
            String value = cells.get(i);
            if (value.isEmpty()) {
                continue;
            }
            if (column.endsWith("likelihood") || column.endsWith("impact")) {
                o.add(column, Integer.parseInt(value));
            } else if (column.equals(RiskCsv.TAGS)) {
                o.add(column, Json.createArrayBuilder(row.content().tags()));
            } else {
                o.add(column.toLowerCase(Locale.ROOT), value);
            }
        }
        return o.build();
    }
}
