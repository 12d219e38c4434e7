package uk.childvoice.benchmark.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The few facts the benchmark needs from a Prometheus text exposition ({@code /q/metrics}): the value
 * of a counter, summed over its label sets or for one label value. Written here because it is a dozen
 * lines; pulling in a Prometheus client just to read two counters would cost more than it saves.
 */
public final class PrometheusText {
    private final Map<String, Double> series;

    private PrometheusText(Map<String, Double> series) {
        this.series = series;
    }

    /** Parses {@code name{labels} value [timestamp]} lines; comments and blank lines are skipped. */
    public static PrometheusText parse(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int close = line.lastIndexOf('}');
            int split = line.indexOf(' ', close < 0 ? 0 : close);
            if (split < 0) {
                continue;
            }
            String key = line.substring(0, split);
            String rest = line.substring(split + 1).strip();
            int space = rest.indexOf(' ');
            String value = space < 0 ? rest : rest.substring(0, space);
            try {
                series.put(key, Double.parseDouble(value));
            } catch (NumberFormatException ignored) {
                // not a sample line
            }
        }
        return new PrometheusText(series);
    }

    /** The sum of every series of the metric (0 when absent). */
    public long sum(String metric) {
        double total = 0;
        for (Map.Entry<String, Double> e : series.entrySet()) {
            String key = e.getKey();
            if (key.equals(metric) || key.startsWith(metric + "{")) {
                total += e.getValue();
            }
        }
        return Math.round(total);
    }

    /** The sum of the metric's series whose label {@code label} equals {@code value}. */
    public long sum(String metric, String label, String value) {
        return Math.round(total(metric, label, value));
    }

    /** The same sum, unrounded: for timers' {@code _sum} series, in seconds. */
    public double total(String metric, String label, String value) {
        double total = 0;
        String wanted = label + "=\"" + value + "\"";
        for (Map.Entry<String, Double> e : series.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(metric + "{") && (key.contains("{" + wanted) || key.contains("," + wanted))) {
                total += e.getValue();
            }
        }
        return total;
    }

    /** Label values of {@code label} that the metric carries. */
    public java.util.Set<String> labelValues(String metric, String label) {
        java.util.Set<String> values = new java.util.TreeSet<>();
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("[{,]" + java.util.regex.Pattern.quote(label) + "=\"([^\"]*)\"");
        for (String key : series.keySet()) {
            if (key.startsWith(metric + "{")) {
                java.util.regex.Matcher m = p.matcher(key);
                if (m.find()) {
                    values.add(m.group(1));
                }
            }
        }
        return values;
    }
}
