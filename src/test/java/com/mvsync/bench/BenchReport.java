package com.mvsync.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Collects the benchmark figures. Every part writes its section to {@code target/bench/sections/<id>.md} and its
 * summary rows (metric, measured, target, met) to {@code target/bench/summary/<id>.md}; after each part
 * {@code target/bench/results.md} is rebuilt from all of them (summary table first, then the detail tables) and the
 * part is printed. {@code infra/bench/run.sh} deletes {@code target/bench} first, so a run never mixes with an
 * older one.
 */
public final class BenchReport {

    static final Path DIR = Path.of(System.getProperty("bench.dir", "target/bench"));

    private final String id;
    private final String title;
    private final List<String> text = new ArrayList<>();
    private final List<String> summary = new ArrayList<>();

    BenchReport(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** A markdown table: header row, separator, rows. */
    BenchReport table(List<String> header, List<List<String>> rows) {
        text.add(row(header));
        text.add(row(header.stream().map(h -> "---").toList()));
        rows.forEach(r -> text.add(row(r)));
        text.add("");
        return this;
    }

    BenchReport note(String line) {
        text.add(line);
        return this;
    }

    /** One line of the summary table. {@code met}: "yes", "no", "—" (no target) or "skipped". */
    BenchReport summary(String metric, String measured, String target, String met) {
        summary.add(row(List.of(metric, measured, target, met)));
        return this;
    }

    static String met(boolean ok) {
        return ok ? "yes" : "**no**";
    }

    static String row(List<String> cells) {
        return "| " + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()) + " |";
    }

    /** Writes this part, rebuilds results.md and prints the part. */
    void write() {
        try {
            Files.createDirectories(DIR.resolve("sections"));
            Files.createDirectories(DIR.resolve("summary"));
            String section = "## " + title + "\n\n" + String.join("\n", text) + "\n";
            Files.writeString(DIR.resolve("sections").resolve(id + ".md"), section, StandardCharsets.UTF_8);
            Files.writeString(DIR.resolve("summary").resolve(id + ".md"),
                    summary.isEmpty() ? "" : String.join("\n", summary) + "\n", StandardCharsets.UTF_8);
            Files.writeString(DIR.resolve("results.md"), render(), StandardCharsets.UTF_8);
            System.out.println("\n" + section);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render() throws IOException {
        StringBuilder out = new StringBuilder("# Benchmark results\n\n");
        out.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(", ").append(System.getProperty("os.name"))
                .append(' ').append(System.getProperty("os.arch")).append(". Command: `bash infra/bench/run.sh` ")
                .append("(or `mvn -B -Pbench verify` without the cold start).\n\n");
        out.append("## Summary\n\n").append(row(List.of("measurement", "measured", "target", "met"))).append('\n')
                .append(row(List.of("---", "---", "---", "---"))).append('\n');
        for (Path p : files("summary")) {
            out.append(Files.readString(p, StandardCharsets.UTF_8));
        }
        out.append('\n');
        for (Path p : files("sections")) {
            out.append(Files.readString(p, StandardCharsets.UTF_8)).append('\n');
        }
        return out.toString();
    }

    private static List<Path> files(String dir) throws IOException {
        Path d = DIR.resolve(dir);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    /** Percentile (nearest rank) of sorted values. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(Math.max(rank - 1, 0), sorted.length - 1)];
    }

    static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    static String f2(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
