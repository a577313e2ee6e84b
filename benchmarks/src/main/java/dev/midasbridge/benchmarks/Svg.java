package dev.midasbridge.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small writer of static SVG charts for docs/BENCHMARKS.md: line charts of a figure against clients (ours solid,
 * the anchor dashed), and grouped bar charts (ours beside its anchor). Text is escaped; no script, no external
 * resource, so GitHub shows the files inline.
 */
final class Svg {
    private static final int W = 640;
    private static final int H = 360;
    private static final int LEFT = 70;
    private static final int RIGHT = 170;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};

    /** One line: a name, whether it is an anchor (dashed), and its points (x, y); NaN values are skipped. */
    record Series(String name, boolean anchor, double[] x, double[] y) {}

    /** One bar group (e.g. "v1") with a value per series name. */
    record Group(String label, double[] values) {}

    private Svg() {}

    /**
     * A line chart; x values are placed evenly in their given order (clients 1, 8, 64 are categories, not a scale),
     * y from 0 to the largest value.
     */
    static String lines(String title, String xLabel, String yLabel, List<Double> xs, List<Series> series) {
        double max = 0;
        for (Series s : series) {
            for (double v : s.y()) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        max = niceMax(max);
        StringBuilder b = header(title);
        axes(b, yLabel, max);
        int n = xs.size();
        double plotW = W - LEFT - RIGHT;
        for (int i = 0; i < n; i++) {
            double px = LEFT + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
            text(b, px, H - BOTTOM + 18, "middle", 12, num(xs.get(i)));
        }
        text(b, LEFT + plotW / 2, H - 10, "middle", 12, xLabel);
        int k = 0;
        for (Series s : series) {
            String colour = COLOURS[k % COLOURS.length];
            StringBuilder path = new StringBuilder();
            for (int j = 0; j < s.x().length; j++) {
                int i = xs.indexOf(s.x()[j]);
                if (i < 0 || Double.isNaN(s.y()[j])) {
                    continue;
                }
                double px = LEFT + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
                double py = y(s.y()[j], max);
                path.append(path.length() == 0 ? "M" : " L")
                        .append(f(px))
                        .append(' ')
                        .append(f(py));
                b.append(String.format(
                        Locale.ROOT,
                        "<circle cx=\"%s\" cy=\"%s\" r=\"3.5\" fill=\"%s\"><title>%s: %s</title></circle>%n",
                        f(px),
                        f(py),
                        colour,
                        esc(s.name()),
                        num(s.y()[j])));
            }
            b.append(String.format(
                    Locale.ROOT,
                    "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    path,
                    colour,
                    s.anchor() ? " stroke-dasharray=\"6 4\"" : ""));
            legend(b, k, colour, s.anchor(), s.name());
            k++;
        }
        return b.append("</svg>\n").toString();
    }

    /** A grouped bar chart: per group one bar per series (series 0 is ours, the others its anchors). */
    static String bars(String title, String yLabel, List<String> seriesNames, List<Group> groups) {
        double max = 0;
        for (Group g : groups) {
            for (double v : g.values()) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        max = niceMax(max);
        StringBuilder b = header(title);
        axes(b, yLabel, max);
        double plotW = W - LEFT - RIGHT;
        double groupW = plotW / Math.max(1, groups.size());
        int m = seriesNames.size();
        double barW = Math.min(40, groupW * 0.8 / m);
        for (int gi = 0; gi < groups.size(); gi++) {
            Group g = groups.get(gi);
            double x0 = LEFT + gi * groupW + (groupW - barW * m) / 2;
            for (int si = 0; si < m; si++) {
                double v = si < g.values().length ? g.values()[si] : Double.NaN;
                if (Double.isNaN(v)) {
                    continue;
                }
                double top = y(v, max);
                b.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"%s><title>%s, %s: %s</title></rect>%n",
                        f(x0 + si * barW),
                        f(top),
                        f(barW - 2),
                        f(H - BOTTOM - top),
                        COLOURS[si % COLOURS.length],
                        si == 0 ? "" : " fill-opacity=\"0.55\"",
                        esc(g.label()),
                        esc(seriesNames.get(si)),
                        num(v)));
                text(b, x0 + si * barW + barW / 2 - 1, top - 4, "middle", 10, num(v));
            }
            text(b, LEFT + gi * groupW + groupW / 2, H - BOTTOM + 18, "middle", 12, g.label());
        }
        for (int si = 0; si < m; si++) {
            legend(b, si, COLOURS[si % COLOURS.length], si > 0, seriesNames.get(si));
        }
        return b.append("</svg>\n").toString();
    }

    private static StringBuilder header(String title) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                W,
                H,
                W,
                H));
        text(b, W / 2.0, 22, "middle", 15, title);
        return b;
    }

    private static void axes(StringBuilder b, String yLabel, double max) {
        double plotRight = W - RIGHT;
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            double py = y(v, max);
            b.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#ddd\"/>%n",
                    LEFT,
                    f(py),
                    f(plotRight),
                    f(py)));
            text(b, LEFT - 6, py + 4, "end", 11, num(v));
        }
        b.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT,
                TOP,
                LEFT,
                H - BOTTOM));
        b.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%s\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT,
                H - BOTTOM,
                f(plotRight),
                H - BOTTOM));
        b.append(String.format(
                Locale.ROOT,
                "<text x=\"16\" y=\"%s\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 16 %s)\">%s</text>%n",
                f((TOP + H - BOTTOM) / 2.0),
                f((TOP + H - BOTTOM) / 2.0),
                esc(yLabel)));
    }

    private static void legend(StringBuilder b, int k, String colour, boolean anchor, String name) {
        double x = W - RIGHT + 14;
        double y = TOP + 10 + k * 20;
        b.append(String.format(
                Locale.ROOT,
                "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"3\"%s/>%n",
                f(x),
                f(y),
                f(x + 18),
                f(y),
                colour,
                anchor ? " stroke-dasharray=\"5 3\"" : ""));
        List<String> lines = wrap(name, 20);
        for (int i = 0; i < lines.size(); i++) {
            text(b, x + 24, y + 4 + i * 12, "start", 11, lines.get(i));
        }
    }

    private static List<String> wrap(String s, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : s.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        out.add(line.toString());
        return out.size() > 1 ? out.subList(0, 1) : out; // one line per legend entry keeps entries apart
    }

    private static void text(StringBuilder b, double x, double y, String anchor, int size, String s) {
        b.append(String.format(
                Locale.ROOT,
                "<text x=\"%s\" y=\"%s\" font-size=\"%d\" text-anchor=\"%s\">%s</text>%n",
                f(x),
                f(y),
                size,
                anchor,
                esc(s)));
    }

    private static double y(double v, double max) {
        return H - BOTTOM - (H - BOTTOM - TOP) * (max == 0 ? 0 : v / max);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}. */
    static double niceMax(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
