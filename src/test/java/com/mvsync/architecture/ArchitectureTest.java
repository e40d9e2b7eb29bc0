package com.mvsync.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package map of README "Layout", enforced: entry, HTTP surface, jobs, orchestration, rules, foundation; each
 * layer may use the layers below it, never those above, and no two packages depend on each other in a cycle. A change
 * that breaks this fails the build with the offending import.
 */
@AnalyzeClasses(packages = "com.mvsync", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String FUNCTIONS = "Functions";
    private static final String SURFACE = "HTTP surface";
    private static final String JOBS = "Jobs";
    private static final String ORCHESTRATION = "Orchestration";
    private static final String RULES = "Sync rules";
    private static final String FOUNDATION = "Foundation";

    @ArchTest
    static final ArchRule layersPointDown = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer(FUNCTIONS).definedBy("com.mvsync.functions..", "com.mvsync.local..")
            .layer(SURFACE).definedBy("com.mvsync.webhook..", "com.mvsync.admin..", "com.mvsync.console..")
            .layer(JOBS).definedBy("com.mvsync.drain..", "com.mvsync.backfill..", "com.mvsync.poll..")
            .layer(ORCHESTRATION).definedBy("com.mvsync.orchestration..", "com.mvsync.connection..")
            .layer(RULES).definedBy("com.mvsync.sync..")
            .layer(FOUNDATION).definedBy("com.mvsync.queue..", "com.mvsync.mapping..", "com.mvsync.vtiger..",
                    "com.mvsync.magento..", "com.mvsync.store..", "com.mvsync.settings..", "com.mvsync.telemetry..",
                    "com.mvsync.http..", "com.mvsync.cache..", "com.mvsync.text..", "com.mvsync.timing..",
                    "com.mvsync.budget..")
            .whereLayer(FUNCTIONS).mayNotBeAccessedByAnyLayer()
            .whereLayer(SURFACE).mayOnlyBeAccessedByLayers(FUNCTIONS)
            .whereLayer(JOBS).mayOnlyBeAccessedByLayers(FUNCTIONS, SURFACE)
            .whereLayer(ORCHESTRATION).mayOnlyBeAccessedByLayers(FUNCTIONS, SURFACE, JOBS)
            .whereLayer(RULES).mayOnlyBeAccessedByLayers(FUNCTIONS, SURFACE, JOBS, ORCHESTRATION)
            .whereLayer(FOUNDATION).mayOnlyBeAccessedByLayers(FUNCTIONS, SURFACE, JOBS, ORCHESTRATION, RULES);

    /** Within a layer too (drain/ and poll/ never use each other both ways): no cycles between packages. */
    @ArchTest
    static final ArchRule noCycles = slices().matching("com.mvsync.(*)..").should().beFreeOfCycles();

    /** The HTTP contract types are the shared bottom of the surface: they know nothing of what uses them. */
    @ArchTest
    static final ArchRule httpIsALeaf = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
            .that().resideInAPackage("com.mvsync.http..").should().dependOnClassesThat()
            .resideInAnyPackage("com.mvsync.functions..", "com.mvsync.webhook..", "com.mvsync.admin..",
                    "com.mvsync.local..", "com.mvsync.console..", "com.mvsync.drain..", "com.mvsync.backfill..",
                    "com.mvsync.poll..", "com.mvsync.orchestration..", "com.mvsync.queue..", "com.mvsync.sync..");
}
