package dev.debias.stats;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * How an {@link Estimate} reads as text: one number format for the value and both bounds, and the
 * forms built from it, {@code 0.123 [0.100, 0.150]} ({@link #text}), the interval alone
 * ({@link #interval}) and three CSV cells ({@link #cells}). An undefined estimate reads
 * {@code undefined (why)}, or {@code undefined} in the {@link #brief} form. Immutable and thread-safe.
 * The HTML forms (the reason as a tooltip) are {@code dev.debias.report.Html}'s, built on these.
 */
public final class EstimateFormat {
    /** Three decimals, {@code 0.123 [0.100, 0.150]}: the reports, the audit console and the recipes. */
    public static final EstimateFormat FIXED_3 = fixed(3);
    /** Four decimals, {@code 0.1234 [0.1000, 0.1500]}: the evaluation console. */
    public static final EstimateFormat FIXED_4 = fixed(4);
    /** Four significant digits, {@code 0.01234 [0.01000, 0.01500]}: the audit's HTML page. */
    public static final EstimateFormat SIGNIFICANT_4 = significant(4);
    /** Six significant digits, {@code 0.0123457}: the audit's CSV file. */
    public static final EstimateFormat SIGNIFICANT_6 = significant(6);
    /** {@link Double#toString(double)}, the shortest text that reads back to the same double: CSV files. */
    public static final EstimateFormat EXACT = new EstimateFormat(Double::toString, ", ");
    /** Percent with one decimal, {@code 12.3% [10.0%, 15.0%]}. */
    public static final EstimateFormat PERCENT_1 = percent(1);

    private final DoubleFunction<String> number;
    private final String separator;

    private EstimateFormat(DoubleFunction<String> number, String separator) {
        this.number = number;
        this.separator = separator;
    }

    /** Numbers with {@code decimals} digits after the point ({@code %.Nf}, root locale). */
    public static EstimateFormat fixed(int decimals) {
        String pattern = "%." + check(decimals) + "f";
        return new EstimateFormat(v -> String.format(Locale.ROOT, pattern, v), ", ");
    }

    /** Numbers with {@code digits} significant digits ({@code %.Ng}, root locale). */
    public static EstimateFormat significant(int digits) {
        String pattern = "%." + check(digits) + "g";
        return new EstimateFormat(v -> String.format(Locale.ROOT, pattern, v), ", ");
    }

    /** Fractions as percent with {@code decimals} digits after the point: 0.123 reads {@code 12.3%}. */
    public static EstimateFormat percent(int decimals) {
        String pattern = "%." + check(decimals) + "f";
        return new EstimateFormat(v -> String.format(Locale.ROOT, pattern, 100 * v) + "%", ", ");
    }

    /** The same numbers with {@code separator} between the bounds, e.g. {@code ","} for {@code [0.100,0.150]}. */
    public EstimateFormat withSeparator(String separator) {
        return new EstimateFormat(number, Objects.requireNonNull(separator));
    }

    /** The same format, except that NaN reads {@code text} (e.g. an em dash in a table). */
    public EstimateFormat withNaN(String text) {
        Objects.requireNonNull(text);
        DoubleFunction<String> inner = number;
        return new EstimateFormat(v -> Double.isNaN(v) ? text : inner.apply(v), separator);
    }

    /** One number in this format. */
    public String number(double v) {
        return number.apply(v);
    }

    /** A CSV cell: the number in this format, or an empty cell for null. */
    public String cell(Double v) {
        return v == null ? "" : number(v);
    }

    /** The interval {@code [low, high]}, or an empty string when {@code e} has none. */
    public String interval(Estimate e) {
        return e.low() == null ? "" : interval(e.low(), e.high());
    }

    /** The interval {@code [low, high]} of two bounds. */
    public String interval(double low, double high) {
        return "[" + number(low) + separator + number(high) + "]";
    }

    /**
     * The estimate as {@code value [low, high]}, or the value alone when it has no interval;
     * {@code undefined (why)} when it is undefined, and {@code undefined} for null.
     */
    public String text(Estimate e) {
        if (e == null) {
            return "undefined";
        }
        return e.isDefined() ? defined(e) : "undefined (" + e.undefined() + ")";
    }

    /** As {@link #text}, but an undefined estimate reads {@code undefined} without its reason. */
    public String brief(Estimate e) {
        return e == null || !e.isDefined() ? "undefined" : defined(e);
    }

    /** The value, low and high bound as three CSV cells ({@link #cell}), empty where null. */
    public List<String> cells(Estimate e) {
        return List.of(cell(e.value()), cell(e.low()), cell(e.high()));
    }

    /** The three {@link #cells} joined by commas: {@code value,low,high}. */
    public String csv(Estimate e) {
        return cell(e.value()) + "," + cell(e.low()) + "," + cell(e.high());
    }

    private String defined(Estimate e) {
        String v = number(e.value());
        return e.low() == null ? v : v + " " + interval(e);
    }

    private static int check(int digits) {
        if (digits < 0 || digits > 17) {
            throw new IllegalArgumentException("digits must lie in [0, 17], got " + digits);
        }
        return digits;
    }
}
