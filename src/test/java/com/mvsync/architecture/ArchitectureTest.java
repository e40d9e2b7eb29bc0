package com.mvsync.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package map of README "Layout", enforced. {@link #ORDER} lists every package top to bottom; a package may use
 * only the packages below it (never one above, nor one beside it above in the list), so the order inside a layer is
 * checked too and no two packages can depend on each other. Three checks read the one list: ArchUnit on the bytecode,
 * a scan of the sources (which also sees what bytecode does not: an import or a fully qualified name used only in a
 * Javadoc link), and README's Layout block, which must list the same packages in the same order.
 */
@AnalyzeClasses(packages = "com.mvsync", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** A layer of README's map and its packages, top to bottom ("magento/rest": com.mvsync.magento.rest). */
    record Layer(String name, List<String> packages) {
        Layer(String name, String... packages) {
            this(name, List.of(packages));
        }
    }

    static final List<Layer> LAYERS = List.of(
            new Layer("entry", "local", "functions"),
            new Layer("HTTP surface", "webhook", "webhook/auth", "admin", "console"),
            new Layer("jobs", "drain", "backfill", "poll"),
            new Layer("orchestration", "orchestration", "connection"),
            new Layer("rules", "sync"),
            new Layer("foundation", "queue", "settings", "telemetry", "magento/rest", "magento", "mapping", "budget",
                    "vtiger", "store", "timing", "http", "cache", "text"));

    /** Every package, top to bottom. */
    static final List<String> ORDER = LAYERS.stream().flatMap(l -> l.packages().stream()).toList();

    private static final Path MAIN = Path.of("src/main/java/com/mvsync");

    @ArchTest
    static final ArchRule packagesPointDown = packagesPointDown();

    /** Belt and braces for the rule above: no cycle between any two packages, whatever their place. */
    @ArchTest
    static final ArchRule noCycles = slices().matching("com.mvsync.(**)").should().beFreeOfCycles();

    private static ArchRule packagesPointDown() {
        Architectures.LayeredArchitecture rule = Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInLayers();
        for (String p : ORDER) {
            rule = rule.layer(p).definedBy(javaPackage(p));
        }
        for (int i = 1; i < ORDER.size(); i++) {
            rule = rule.whereLayer(ORDER.get(i)).mayOnlyBeAccessedByLayers(ORDER.subList(0, i).toArray(String[]::new));
        }
        return rule.whereLayer(ORDER.get(0)).mayNotBeAccessedByAnyLayer();
    }

    /** "webhook" covers its subpackages that are not listed themselves; "webhook/auth" only that one. */
    private static String javaPackage(String p) {
        String name = "com.mvsync." + p.replace('/', '.');
        boolean hasListedChild = ORDER.stream().anyMatch(o -> o.startsWith(p + "/"));
        return hasListedChild ? name : name + "..";
    }

    /** The listed package a Java package belongs to (the longest listed prefix). */
    private static int indexOf(String javaPackage) {
        String path = javaPackage.replace('.', '/');
        int best = -1;
        for (int i = 0; i < ORDER.size(); i++) {
            String p = ORDER.get(i);
            if ((path.equals(p) || path.startsWith(p + "/")) && (best < 0 || p.length() > ORDER.get(best).length())) {
                best = i;
            }
        }
        return best;
    }

    private static final Pattern REFERENCE = Pattern.compile("\\bcom\\.mvsync\\.((?:[a-z][a-z0-9]*\\.)*[a-z][a-z0-9]*)\\.[A-Z]");

    @Test
    void sourcesPointDownTooJavadocIncluded() throws IOException {
        List<String> upward = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String own = MAIN.relativize(file.getParent()).toString().replace('\\', '/').replace('/', '.');
                int ownIndex = indexOf(own);
                assertThat(ownIndex).as("package %s of %s is not in README's map", own, file).isNotNegative();
                Matcher m = REFERENCE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    int used = indexOf(m.group(1));
                    assertThat(used).as("%s names com.mvsync.%s, which is not in the map", file, m.group(1))
                            .isNotNegative();
                    if (used < ownIndex) {
                        upward.add(MAIN.relativize(file) + " names com.mvsync." + m.group(1) + " (above "
                                + ORDER.get(ownIndex) + ")");
                    }
                }
            }
        }
        assertThat(upward).as("references that point up README's map").isEmpty();
    }

    private static final Pattern LAYOUT_LINE = Pattern.compile("^  ([a-z]+(?:/[a-z]+)?)/?\\s+\\S.*$");

    @Test
    void readmeLayoutListsThePackagesInThisOrder() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String layout = readme.substring(readme.indexOf("## Layout"));
        String block = layout.substring(layout.indexOf("```") + 3, layout.indexOf("```", layout.indexOf("```") + 3));
        List<String> listed = block.lines().map(LAYOUT_LINE::matcher).filter(Matcher::matches)
                .map(m -> m.group(1)).toList();
        assertThat(listed).as("README Layout, top to bottom").containsExactlyElementsOf(ORDER);
    }
}
