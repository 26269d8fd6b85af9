package org.caseexchange.gateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.caseexchange.gateway.trust.AlgorithmSuite;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.junit.jupiter.api.Test;

/** Package boundaries that the design relies on, checked on every build. */
@AnalyzeClasses(packages = "org.caseexchange.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** One package implements the cryptography; the rest see only its small API. */
    @ArchTest
    static final ArchRule onlyEnvelopeUsesBouncyCastle = noClasses()
            .that()
            .resideOutsideOfPackage("org.caseexchange.gateway.envelope..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.bouncycastle..")
            .because("CMS is implemented once, in envelope; callers hand in a payload and a partner");

    /** One package parses XML, with every hardening switch set; the rest see decoded messages. */
    @ArchTest
    static final ArchRule onlyProtocolParsesXml = noClasses()
            .that()
            .resideOutsideOfPackage("org.caseexchange.gateway.protocol..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "jakarta.xml.bind..",
                    "javax.xml.stream..",
                    "javax.xml.parsers..",
                    "javax.xml.validation..",
                    "javax.xml.transform..")
            .because("payloads are decoded and encoded only by protocol.ProtocolCodec, which refuses DTDs, entities and"
                    + " external fetches and validates against the schema");

    @ArchTest
    static final ArchRule messagingKeysReachOnlyEnvelope = noClasses()
            .that()
            .resideOutsideOfPackages("org.caseexchange.gateway.envelope..", "org.caseexchange.gateway.trust..")
            .should()
            .callMethod(GatewayIdentity.class, "signingKey", AlgorithmSuite.class)
            .orShould()
            .callMethod(
                    GatewayIdentity.class,
                    "encryptionKey",
                    AlgorithmSuite.class,
                    java.security.cert.X509Certificate.class)
            .because("private keys are loaded in trust and handed only to envelope");

    @ArchTest
    static final ArchRule auditKeyReachesOnlyAudit = noClasses()
            .that()
            .resideOutsideOfPackages("org.caseexchange.gateway.audit..", "org.caseexchange.gateway.trust..")
            .should()
            .callMethod(GatewayIdentity.class, "auditSignature", String.class)
            .because("the checkpoint key signs audit checkpoints and nothing else");

    @ArchTest
    static final ArchRule concernsDoNotDependInCycles =
            slices().matching("org.caseexchange.gateway.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule failuresAreTypedNotGeneric = noClasses()
            .that()
            .areNotAssignableTo(RuntimeException.class) // a typed exception's own super(...) call is fine
            .should()
            .callConstructor(RuntimeException.class, String.class)
            .orShould()
            .callConstructor(RuntimeException.class, String.class, Throwable.class)
            .orShould()
            .callConstructor(RuntimeException.class, Throwable.class)
            .because("errors are values with reason codes: throw a typed exception (InvalidConfigurationException at"
                    + " start-up, the envelope and protocol exceptions at run time)");

    @ArchTest
    static final ArchRule noStandardStreams = noClasses()
            .that()
            .resideOutsideOfPackage("org.caseexchange.gateway.verifier")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("logs go through SLF4J, where the exchange id is in the MDC and personal data is never written;"
                    + " only the offline verifier, a command-line tool, prints its report");

    @ArchTest
    static final ArchRule noFieldInjection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    @ArchTest
    static final ArchRule noJavaUtilLogging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    @Test
    void theBouncyCastleRuleCatchesAnImportOutsideEnvelope() {
        JavaClasses offender = new ClassFileImporter()
                .importClasses(org.caseexchange.gateway.architecture.fixtures.BouncyCastleOutsideEnvelope.class);

        assertThat(onlyEnvelopeUsesBouncyCastle.evaluate(offender).hasViolation())
                .isTrue();
    }
}
