package dev.debias.stats;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A number with its 95% confidence interval, or the reason it is undefined. An undefined estimate
 * (a rate over zero units, a ratio with a zero denominator) has a null value and a reason; it is never
 * reported as 0. A defined estimate may lack an interval (null bounds) when no interval method
 * applies, which the reason then explains.
 *
 * @param value the point estimate, or null when undefined
 * @param low lower bound of the interval, or null
 * @param high upper bound of the interval, or null
 * @param undefined why the value or its interval is missing, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Estimate(Double value, Double low, Double high, String undefined) {
    public Estimate {
        if (value == null && undefined == null) {
            throw new IllegalArgumentException("an undefined estimate needs a reason");
        }
        if (value != null && (value.isNaN() || (low == null) != (high == null))) {
            throw new IllegalArgumentException("invalid estimate " + value + " [" + low + ", " + high + "]");
        }
    }

    /** A defined value with its interval. */
    public static Estimate of(double value, double low, double high) {
        return new Estimate(value, low, high, null);
    }

    /** An undefined value. */
    public static Estimate undefined(String reason) {
        return new Estimate(null, null, null, reason);
    }

    /** True when the value is defined. Not a JSON property: it would not read back into the record. */
    @JsonIgnore
    public boolean isDefined() {
        return value != null;
    }

    /** True when the interval is defined and excludes {@code x}. */
    public boolean excludes(double x) {
        return low != null && (low > x || high < x);
    }
}
