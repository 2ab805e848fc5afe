package io.classroom.analytics.service;

/** The direction of a series of rates: least-squares slope per step, in rate points (0..1). */
public record Trend(String direction, double slopePerSession, int sessions) {

    /** A slope smaller than one point per session reads as stable. */
    private static final double FLAT = 0.01;

    public static Trend of(double[] rates) {
        int n = rates.length;
        if (n < 2) {
            return new Trend("INSUFFICIENT_DATA", 0, n);
        }
        double meanX = (n - 1) / 2.0;
        double meanY = 0;
        for (double rate : rates) {
            meanY += rate / n;
        }
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            covariance += (i - meanX) * (rates[i] - meanY);
            variance += (i - meanX) * (i - meanX);
        }
        double slope = covariance / variance;
        String direction = slope > FLAT ? "IMPROVING" : slope < -FLAT ? "DECLINING" : "STABLE";
        return new Trend(direction, slope, n);
    }
}
