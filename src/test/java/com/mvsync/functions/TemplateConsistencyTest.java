package com.mvsync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.mvsync.admin.AdminApi;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import io.quarkus.funqy.Funq;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml and the code describe the same functions: every @Funq export has a function resource, every function
 * resource names an export that exists, the HttpApi routes of each export's functions are the routes the code serves
 * locally (for the webhook export: the registry's routes, one function each).
 */
@QuarkusTest
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class TemplateConsistencyTest {

    private static final Pattern RESOURCE = Pattern.compile("^  (\\w+):\\s*$");
    private static final Pattern EXPORT = Pattern.compile("QUARKUS_FUNQY_EXPORT:\\s*(\\w+)");
    private static final Pattern METHOD = Pattern.compile("^\\s+Method:\\s*(\\w+)\\s*$");
    private static final Pattern PATH = Pattern.compile("^\\s+Path:\\s*(\\S+)\\s*$");

    /** Export name to the routes ("POST /webhooks/...") of its function resources (every webhook route runs one). */
    static Map<String, Set<String>> templateFunctions = new TreeMap<>();

    @Inject
    Routes routes;

    @Inject
    AdminApi admin;

    @BeforeAll
    static void readTemplate() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("template.yaml"));
        List<List<String>> blocks = new ArrayList<>();
        boolean inResources = false;
        for (String line : lines) {
            if (line.startsWith("Resources:")) {
                inResources = true;
                continue;
            }
            if (inResources && !line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
                inResources = false;
            }
            if (inResources && RESOURCE.matcher(line).matches()) {
                blocks.add(new ArrayList<>());
            }
            if (inResources && !blocks.isEmpty()) {
                blocks.get(blocks.size() - 1).add(line);
            }
        }
        for (List<String> block : blocks) {
            String text = String.join("\n", block);
            if (!text.contains("Type: AWS::Serverless::Function")) {
                continue;
            }
            Matcher export = EXPORT.matcher(text);
            assertThat(export.find()).as("function resource without QUARKUS_FUNQY_EXPORT: " + block.get(0)).isTrue();
            Set<String> routeKeys = new HashSet<>();
            String method = null;
            for (String line : block) {
                Matcher m = METHOD.matcher(line);
                Matcher p = PATH.matcher(line);
                if (m.matches()) {
                    method = m.group(1);
                } else if (p.matches() && method != null) {
                    routeKeys.add(method + " " + p.group(1));
                    method = null;
                }
            }
            if (export.group(1).equals("webhook")) {
                // One Lambda function per webhook route (its own log group, alarms and concurrency).
                assertThat(routeKeys).as("webhook function " + block.get(0).strip() + " serves one route").hasSize(1);
            }
            templateFunctions.computeIfAbsent(export.group(1), k -> new HashSet<>()).addAll(routeKeys);
        }
    }

    /** Every @Funq method of every class compiled into the functions package (found on disk, not listed by hand). */
    private static Set<String> codeExports() throws IOException, ClassNotFoundException {
        Path dir = Path.of("target/classes/com/mvsync/functions");
        Set<String> exports = new HashSet<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName("com.mvsync.functions." + name);
                Arrays.stream(type.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Funq.class))
                        .map(Method::getName).forEach(exports::add);
            }
        }
        return exports;
    }

    @Test
    void everyExportHasAFunctionAndEveryFunctionAnExport() throws IOException, ClassNotFoundException {
        assertThat(templateFunctions).isNotEmpty();
        assertThat(templateFunctions.keySet()).containsExactlyInAnyOrderElementsOf(codeExports());
    }

    @Test
    void theTemplateRoutesAreTheRoutesTheCodeServes() {
        Map<String, Set<String>> codeRoutes = new TreeMap<>();
        routes.all().forEach(r -> codeRoutes.computeIfAbsent(r.export(), k -> new HashSet<>()).add(r.routeKey()));
        Map<String, Set<String>> templateRoutes = new TreeMap<>(templateFunctions);
        templateRoutes.values().removeIf(Set::isEmpty); // scheduled functions have no route
        assertThat(templateRoutes).isEqualTo(codeRoutes);
    }

    @Test
    void adminRoutesAreJwtAuthorisedAndWebhooksAreNot() throws IOException {
        long iamRoutes = Files.readAllLines(Path.of("template.yaml")).stream()
                .filter(l -> l.strip().equals("Authorizer: AdminJwt")).count();
        long adminRoutes = routes.all().stream().filter(r -> r.path().startsWith("/admin")).count();
        assertThat(iamRoutes).isEqualTo(adminRoutes);
    }

    /** The admin API's own table serves exactly the /admin routes (parameter names aside) that API Gateway sends it. */
    @Test
    void theAdminTableServesTheAdminRoutes() {
        Set<String> declared = routes.all().stream().filter(r -> r.path().startsWith("/admin"))
                .map(r -> unnamed(r.routeKey())).collect(Collectors.toSet());
        List<String> served = admin.routeKeys().stream().map(TemplateConsistencyTest::unnamed).toList();
        assertThat(served).doesNotHaveDuplicates();
        assertThat(Set.copyOf(served)).isEqualTo(declared);
    }

    private static String unnamed(String routeKey) {
        return routeKey.replaceAll("\\{[^}]+}", "{}");
    }
}
