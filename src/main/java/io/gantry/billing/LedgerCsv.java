package io.gantry.billing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A ledger as a CSV file for spreadsheets: UTF-8 with a byte order mark (without it Excel reads UTF-8 as the
 * system's legacy code page and Chinese notes turn to garbage), a header row and one row per line in the page's
 * order. Texts are in the reader's language ({@code words}); times in the reader's
 * zone as {@code yyyy-MM-dd HH:mm:ss}, which spreadsheets read as a time; amounts as plain signed decimals.
 */
final class LedgerCsv implements AutoCloseable {

    static final char BYTE_ORDER_MARK = '\uFEFF';
    static final List<String> HEADER_KEYS = List.of("wallet.time", "wallet.type", "wallet.service-type",
            "wallet.csv.amount", "wallet.work", "wallet.spec", "wallet.user", "wallet.note", "wallet.created-by");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final CSVPrinter printer;
    private final Wording words;
    private final DateTimeFormatter time;

    LedgerCsv(OutputStream out, Wording words, ZoneId zone, String currency) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(BYTE_ORDER_MARK);
        this.printer = new CSVPrinter(writer, CSVFormat.RFC4180);
        this.words = words;
        this.time = TIME.withZone(zone);
        // Every heading is given the currency; only the amount's says it.
        printer.printRecord(HEADER_KEYS.stream().map(key -> words.text(key, currency)).toList());
    }

    void write(LedgerEntry line) throws IOException {
        printer.printRecord(time.format(line.at()), words.text("wallet.type." + line.type().name()),
                line.serviceType() == null ? "" : words.text("wallet.service-type." + line.serviceType().name()),
                line.amount().amount().toPlainString(), text(line.workloadName()), text(line.specName()),
                text(line.username()), text(note(line.note())),
                line.createdBy() == null ? words.text("wallet.by-platform") : text(line.createdBy()));
    }

    /** The demo credit's note as the platform wrote it is read in the reader's words, as the page shows it. */
    private String note(String note) {
        return DemoProject.NOTE.equals(note) ? words.text("seeded.demo-credit") : note;
    }

    /**
     * Text that people typed, kept from being read as a formula: a spreadsheet runs a cell that starts with
     * {@code = + - @} (or a tab or carriage return before one), so such a cell gets a leading apostrophe (OWASP's
     * advice for CSV injection).
     */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
