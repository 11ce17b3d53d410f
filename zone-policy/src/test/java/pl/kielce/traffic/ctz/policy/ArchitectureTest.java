package pl.kielce.traffic.ctz.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The engine is pure Java: it runs inside Flink jobs, the console, the journey planner and the CLI, so it
 * may depend on nothing but the JDK, JTS and the YAML parser — no Spring, Flink, Kafka or JDBC.
 */
@AnalyzeClasses(packages = "pl.kielce.traffic.ctz.policy", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule engineDependsOnlyOnJdkJtsAndYaml = classes()
            .that().resideInAPackage("pl.kielce.traffic.ctz.policy..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "org.locationtech.jts..", "org.yaml.snakeyaml..", "pl.kielce.traffic.ctz.policy..")
            .because("the policy engine must stay embeddable anywhere (see zone-policy/README.md)");

    @ArchTest
    static final ArchRule noFrameworksInTheEngine = noClasses()
            .that().resideInAPackage("pl.kielce.traffic.ctz.policy..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.apache.flink..", "org.apache.kafka..", "java.sql..", "javax.sql..",
                    "org.postgresql..", "com.zaxxer..", "org.flywaydb..");

    @ArchTest
    static final ArchRule coreDoesNotReachIntoItsEdges = noClasses()
            .that().resideInAPackage("pl.kielce.traffic.ctz.policy")
            .should().dependOnClassesThat().resideInAnyPackage("pl.kielce.traffic.ctz.policy.cli..", "pl.kielce.traffic.ctz.policy.whatif..",
                    "pl.kielce.traffic.ctz.policy.register..", "pl.kielce.traffic.ctz.policy.load..")
            .because("the core model and decide() are the innermost layer; loaders, registers, replay and CLI build on it");
}
