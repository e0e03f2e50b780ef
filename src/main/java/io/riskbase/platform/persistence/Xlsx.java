package io.riskbase.platform.persistence;

import io.riskbase.platform.errors.ApiException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * XLSX in and out, both streamed (fastexcel): a {@link SheetWriter} writes rows to the response as they come, flushing
 * the sheet every {@value #FLUSH_ROWS} rows with inline strings (no shared-string table growing with the rows); an
 * upload becomes CSV ({@link #toCsv}) so that an import reads a spreadsheet exactly as it reads a CSV file.
 */
public final class Xlsx {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final int FLUSH_ROWS = 1000;
    /** More parts than any spreadsheet of one sheet has: a file made to exhaust something. */
    private static final int MAX_ENTRIES = 1000;

    private Xlsx() {}

    /** One sheet written row by row; {@link #finish} ends the file (the stream stays the caller's). */
    public static final class SheetWriter {
        private final Workbook workbook;
        private final Worksheet sheet;
        private int row;

        public SheetWriter(OutputStream out, String sheetName, List<String> header) {
            this.workbook = new Workbook(out, "Riskbase", "1.0");
            this.sheet = workbook.newWorksheet(sheetName);
            for (int c = 0; c < header.size(); c++) {
                sheet.inlineString(0, c, header.get(c));
            }
            row = 1;
        }

        /** A row of text cells; an empty or null value leaves the cell empty. */
        public void row(List<String> cells) throws IOException {
            for (int c = 0; c < cells.size(); c++) {
                String v = cells.get(c);
                if (v != null && !v.isEmpty()) {
                    sheet.inlineString(row, c, v);
                }
            }
            next();
        }

        /** A row whose cells are text, or numbers where the value is a {@link Number}. */
        public void values(List<?> cells) throws IOException {
            for (int c = 0; c < cells.size(); c++) {
                Object v = cells.get(c);
                if (v instanceof Number n) {
                    sheet.value(row, c, n);
                } else if (v != null && !v.toString().isEmpty()) {
                    sheet.inlineString(row, c, v.toString());
                }
            }
            next();
        }

        private void next() throws IOException {
            row++;
            if (row % FLUSH_ROWS == 0) {
                sheet.flush();
            }
        }

        public void finish() throws IOException {
            sheet.finish();
            workbook.finish();
        }
    }

    /**
     * Writes the sheet named {@code sheetName} (else the workbook's first) of {@code xlsx} to {@code csv} as RFC 4180
     * CSV, cell text as the spreadsheet holds it, every row as wide as the first (the header). Checked first by
     * inflating every part with a limit, so a file that unpacks to more than {@code maxUnpackedBytes} (a zip bomb) is
     * refused before the reader opens it. Anything that is not such a workbook is a 400 saying why.
     */
    public static void toCsv(Path xlsx, Path csv, String sheetName, long maxUnpackedBytes) {
        checkUnpackedSize(xlsx, maxUnpackedBytes);
        try (ReadableWorkbook workbook = new ReadableWorkbook(xlsx.toFile());
                Writer out = new BufferedWriter(
                        new java.io.OutputStreamWriter(Files.newOutputStream(csv), StandardCharsets.UTF_8),
                        64 * 1024)) {
            CsvWriter printer = new CsvWriter(out);
            Optional<Sheet> named = workbook.findSheet(sheetName);
            Sheet sheet = named.isPresent()
                    ? named.get()
                    : workbook.getSheets()
                            .findFirst()
                            .orElseThrow(() -> ApiException.badRequest("The workbook has no sheet"));
            int[] width = {-1};
            List<String> cells = new ArrayList<>();
            try (java.util.stream.Stream<Row> rows = sheet.openStream()) {
                for (Row r : (Iterable<Row>) rows::iterator) {
                    if (width[0] < 0) {
                        width[0] = r.getCellCount();
                    }
                    cells.clear();
                    int n = Math.max(width[0], r.getCellCount());
                    for (int c = 0; c < n; c++) {
                        String text = c < r.getCellCount() && r.hasCell(c) ? r.getCellText(c) : "";
                        cells.add(text == null ? "" : text);
                    }
                    // cells past the header that are all empty are a spreadsheet's formatting, not data
                    while (cells.size() > width[0]
                            && cells.get(cells.size() - 1).isEmpty()) {
                        cells.remove(cells.size() - 1);
                    }
                    if (cells.stream().allMatch(String::isEmpty)) {
                        continue;
                    }
                    printer.record(cells);
                }
            }
        } catch (ApiException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw ApiException.badRequest("The file is not a readable XLSX workbook (Office Open XML): "
                    + io.riskbase.platform.web.QueryParams.abbreviate(String.valueOf(e.getMessage())));
        }
    }

    /**
     * Inflates every entry, counting: the declared sizes of a zip may lie, the inflated bytes do not. Read through the
     * central directory ({@link ZipFile}): a workbook written as a stream has entries whose local headers carry no
     * sizes, which {@link java.util.zip.ZipInputStream} refuses.
     */
    private static void checkUnpackedSize(Path xlsx, long maxUnpackedBytes) {
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            if (zip.size() == 0) {
                throw ApiException.badRequest("The file is not an XLSX workbook (an empty zip archive)");
            }
            if (zip.size() > MAX_ENTRIES) {
                throw ApiException.badRequest("The XLSX file has more than " + MAX_ENTRIES + " parts");
            }
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (java.util.Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    int read;
                    while ((read = in.read(buffer)) > 0) {
                        total += read;
                        if (total > maxUnpackedBytes) {
                            throw ApiException.badRequest("The XLSX file unpacks to more than " + maxUnpackedBytes
                                    + " bytes: split it into several imports");
                        }
                    }
                }
            }
        } catch (ZipException e) {
            throw ApiException.badRequest("The file is not an XLSX workbook (not a zip archive): " + e.getMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("The XLSX file cannot be read: " + e.getMessage());
        }
    }
}
