package org.caseexchange.gateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
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
            .and()
            .doNotHaveFullyQualifiedName("org.caseexchange.gateway.GatewayApplication")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("logs go through SLF4J, where the exchange id is in the MDC and personal data is never written;"
                    + " only the command lines print: the offline verifier's report, and the jar's help and"
                    + " commands (GatewayApplication hands them the console)");

    // --- Calls that have one home: each rule names the replacement ---

    @ArchTest
    static final ArchRule jaxbContextsComeFromTheCodec = noClasses()
            .that()
            .doNotHaveFullyQualifiedName("org.caseexchange.gateway.protocol.ProtocolCodec")
            .should()
            .callMethodWhere(calls(jakarta.xml.bind.JAXBContext.class, "newInstance"))
            .because("use protocol.ProtocolCodec: its one JAXB context is built once, with the schema and every"
                    + " hardening switch");

    @ArchTest
    static final ArchRule certificatePathsAreValidatedInOnePlace = noClasses()
            .that()
            .doNotHaveFullyQualifiedName("org.caseexchange.gateway.trust.CertificatePaths")
            .should()
            .callMethodWhere(calls(java.security.cert.CertPathValidator.class, "getInstance"))
            .because("use trust.CertificatePaths: revocation from the configured CRLs only, nothing fetched");

    @ArchTest
    static final ArchRule digestsComeFromSha256 = noClasses()
            .that()
            .doNotHaveFullyQualifiedName("org.caseexchange.gateway.trust.Sha256")
            .should()
            .callMethodWhere(calls(java.security.MessageDigest.class, "getInstance"))
            .because("use trust.Sha256: one algorithm, one lowercase hex form, everywhere a digest is compared");

    @ArchTest
    static final ArchRule idsAreTimeOrdered = noClasses()
            .that()
            // The demo partner plays another agency, whose messageIds are its own affair.
            .resideOutsideOfPackage("org.caseexchange.gateway.demo..")
            .should()
            .callMethodWhere(calls(java.util.UUID.class, "randomUUID"))
            .because("use database.RowIds: ids in time order keep every index on them growing at its end");

    @ArchTest
    static final ArchRule noSleepingInMainCode = noClasses()
            .that()
            // A refused login's answer is held in that connection's own thread: only the guesser waits.
            .doNotHaveFullyQualifiedName("org.caseexchange.gateway.messaging.BrokerDoor$1")
            .should()
            .callMethodWhere(calls(Thread.class, "sleep"))
            .because("schedule the work (a ScheduledExecutorService, a Camel timer) or wait on a condition; a"
                    + " sleeping thread holds its transaction, its connection and its consumer");

    // --- Each third-party library stays in the package that owns it ---

    @ArchTest
    static final ArchRule celStaysInRules =
            onlyIn("dev.cel..", "rules").because("rule conditions are evaluated by rules.DecisionEngine, nowhere else");

    @ArchTest
    static final ArchRule shedLockStaysInDatabase = onlyIn("net.javacrumbs.shedlock..", "database")
            .because("the locks instances share are database.InstanceLocks");

    @ArchTest
    static final ArchRule uuidGeneratorStaysInDatabase =
            onlyIn("com.fasterxml.uuid..", "database").because("ids come from database.RowIds");

    @ArchTest
    static final ArchRule nameMatchingStaysInCaseData = onlyIn(
                    new String[] {"org.apache.commons.text..", "org.apache.commons.codec.."}, "casedata")
            .because("names are compared by casedata.NameSimilarity");

    @ArchTest
    static final ArchRule activeMqStaysInMessaging = onlyIn("org.apache.activemq..", "messaging", "demo")
            .because("the broker is messaging's (the demo partner is an outside client, with its own connection)");

    @ArchTest
    static final ArchRule camelStaysInTheFlows = onlyIn("org.apache.camel..", "exchange", "messaging")
            .because("routes wire the flows in exchange; messaging provides their JMS component");

    @ArchTest
    static final ArchRule springSecurityStaysInWeb = onlyIn("org.springframework.security..", "web")
            .because("sign-in and permissions are the console's (web.Permissions)");

    @ArchTest
    static final ArchRule picocliIsForCommands = noClasses()
            .that()
            .resideOutsideOfPackages(
                    "org.caseexchange.gateway",
                    "org.caseexchange.gateway.verifier..",
                    "org.caseexchange.gateway.web.account..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("picocli..")
            .because("command lines are the jar's (GatewayCommand), the verifier's and the accounts command's");

    // --- Helpers stay with their package ---

    @ArchTest
    static final ArchRule internalPackagesStayInternal = classes()
            .that()
            .resideInAPackage("..internal..")
            .should(new ArchCondition<JavaClass>("be used only from the package that holds its internal package") {
                @Override
                public void check(JavaClass helper, ConditionEvents events) {
                    String owner = helper.getPackageName()
                            .substring(0, helper.getPackageName().indexOf(".internal"));
                    for (var access : helper.getDirectDependenciesToSelf()) {
                        String from = access.getOriginClass().getPackageName();
                        if (!from.equals(owner) && !from.startsWith(owner + ".")) {
                            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                        }
                    }
                }
            });

    /** Public because a framework finds them by name in a file, or calls them by reflection from one. */
    static final java.util.Set<String> NAMED_BY_FRAMEWORKS = java.util.Set.of(
            "org.caseexchange.gateway.GatewayApplication", // the jar's main class
            "org.caseexchange.gateway.UnknownSettings", // META-INF/spring.factories
            "org.caseexchange.gateway.verifier.AuditVerifier", // the verifier jar's main class
            "org.caseexchange.gateway.logging.ClassOnlyStackTracePrinter", // application.yml
            "org.caseexchange.gateway.logging.ClassOnlyThrowableConverter", // logback-spring.xml
            "org.caseexchange.gateway.messaging.StompDoorTransportFactory", // META-INF/services of ActiveMQ
            "org.caseexchange.gateway.exchange.JmsMessages", // the beans routes/*.camel.yaml call
            "org.caseexchange.gateway.exchange.OutboxSender",
            "org.caseexchange.gateway.exchange.inbound.InboundFlow",
            "org.caseexchange.gateway.exchange.inbound.InboundFailures",
            "org.caseexchange.gateway.web.page.Displayed"); // @displayed in the templates

    /**
     * A public class is public because another package uses it, the tests' packages included;
     * everything else stays package-private, so that a package's insides can change without a reader
     * checking who else depends on them. Generated classes, and classes that frameworks instantiate by
     * name, are public by necessity.
     */
    @Test
    void aClassIsPublicOnlyWhenAnotherPackageUsesIt() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.caseexchange.gateway");
        JavaClasses everything = new ClassFileImporter().importPackages("org.caseexchange.gateway");
        java.util.Set<String> mainNames = new java.util.HashSet<>();
        main.forEach(type -> mainNames.add(type.getName()));
        java.util.List<String> needlesslyPublic = new java.util.ArrayList<>();
        for (JavaClass type : everything) {
            if (!mainNames.contains(type.getName())
                    || !type.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                    || !type.isTopLevelClass()
                    || type.getPackageName().startsWith("org.caseexchange.gateway.protocol.xml")
                    || NAMED_BY_FRAMEWORKS.contains(type.getName())) {
                continue;
            }
            boolean usedElsewhere = everything.stream()
                    .filter(member -> member.equals(type) || member.getName().startsWith(type.getName() + "$"))
                    .flatMap(member -> member.getDirectDependenciesToSelf().stream())
                    .anyMatch(dependency ->
                            !dependency.getOriginClass().getPackageName().equals(type.getPackageName()));
            if (!usedElsewhere) {
                needlesslyPublic.add(type.getName());
            }
        }
        assertThat(needlesslyPublic)
                .as("public classes no other package uses: make them package-private")
                .isEmpty();
    }

    private static DescribedPredicate<JavaCall<?>> calls(Class<?> owner, String method) {
        return JavaCall.Predicates.target(
                        AccessTarget.Predicates.declaredIn(owner).and(HasName.Predicates.name(method)))
                .as("%s#%s", owner.getSimpleName(), method);
    }

    private static ArchRule onlyIn(String library, String... packages) {
        return onlyIn(new String[] {library}, packages);
    }

    private static com.tngtech.archunit.lang.syntax.elements.ClassesShouldConjunction onlyIn(
            String[] libraries, String... packages) {
        String[] owners = java.util.Arrays.stream(packages)
                .map(name -> "org.caseexchange.gateway." + name + "..")
                .toArray(String[]::new);
        return noClasses()
                .that()
                .resideOutsideOfPackages(owners)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(libraries);
    }

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

    @Test
    void eachForbiddenCallAndLibraryRuleCatchesItsCall() {
        JavaClasses offender = new ClassFileImporter()
                .importClasses(org.caseexchange.gateway.architecture.fixtures.ForbiddenCalls.class);

        assertThat(java.util.List.of(
                        jaxbContextsComeFromTheCodec,
                        certificatePathsAreValidatedInOnePlace,
                        digestsComeFromSha256,
                        idsAreTimeOrdered,
                        noSleepingInMainCode,
                        celStaysInRules))
                .allSatisfy(rule -> assertThat(rule.evaluate(offender).hasViolation())
                        .as(rule.getDescription())
                        .isTrue());
    }
}
