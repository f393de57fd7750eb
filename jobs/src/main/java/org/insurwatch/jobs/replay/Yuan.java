package org.insurwatch.jobs.replay;

import java.math.BigDecimal;
import java.util.Locale;

/** Money as alerts carry it, in integer fen, shown in yuan: exact decimal arithmetic, never floating point. */
final class Yuan {
    private Yuan() {
    }

    static BigDecimal of(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    /** For programs: 1234567.80. */
    static String plain(long fen) {
        return of(fen).toPlainString();
    }

    /** For people: 1,234,567.80. */
    static String grouped(long fen) {
        return String.format(Locale.ROOT, "%,.2f", of(fen));
    }
}
