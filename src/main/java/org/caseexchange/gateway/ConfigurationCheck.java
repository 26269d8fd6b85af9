package org.caseexchange.gateway;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.caseexchange.gateway.rules.AnnexCatalogue;
import org.caseexchange.gateway.rules.RuleSet;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.validation.FieldError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code check-config}: the start-up's checks of the configuration, without starting anything. Every
 * {@code gateway.*} key is one the gateway reads; every settings record binds and validates; our
 * keystores, keys and certificates, each partner's anchors, CRLs and certificates, the rule file, the
 * annexes and the human-rights assessments load as the gateway would load them. No database, broker,
 * route or web server is started, so it runs beside a running gateway on the same settings.
 */
@Command(
        name = "check-config",
        mixinStandardHelpOptions = true,
        description = "Checks the configuration (settings, keys, certificates, rules, annexes) without starting"
                + " the gateway; exit code 1 names the setting at fault.")
final class ConfigurationCheck implements Callable<Integer> {

    @CommandLine.Unmatched
    List<String> settings = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> arguments = new ArrayList<>(settings);
        // Nothing is made until asked for: only what the checks ask for is built.
        arguments.add("--spring.main.lazy-initialization=true");
        arguments.add("--logging.level.root=WARN");
        try (ConfigurableApplicationContext checked = new SpringApplicationBuilder(Checks.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(arguments.toArray(String[]::new))) {
            // Every settings record, each on its own, so that one run names every setting at fault.
            List<String> faults = new ArrayList<>();
            for (String name : checked.getBeanNamesForAnnotation(ConfigurationProperties.class)) {
                try {
                    checked.getBean(name);
                } catch (RuntimeException e) {
                    faults.addAll(reasons(e));
                }
            }
            if (!faults.isEmpty()) {
                err.println("configuration does not check out:");
                faults.stream().sorted().forEach(fault -> err.println("  " + fault));
                return 1;
            }
            GatewayIdentity identity = checked.getBean(GatewayIdentity.class);
            PartnerDirectory partners = checked.getBean(PartnerDirectory.class);
            RuleSet rules = checked.getBean(RuleSet.class);
            AnnexCatalogue annexes = checked.getBean(AnnexCatalogue.class);
            checked.getBean("humanRightsAssessments");
            out.printf(
                    "configuration checks out: agency %s, %d partner(s), rule set %s, %d annex(es)%n",
                    identity.agencyCode(),
                    partners.all().size(),
                    rules.version(),
                    annexes.all().size());
            return 0;
        } catch (RuntimeException e) {
            err.println("configuration does not check out: " + String.join("; ", reasons(e)));
            return 1;
        }
    }

    /**
     * The invalid settings behind a failure, each named by its key: every constraint a settings record
     * breaks, or the innermost invalid setting as the start-up's report names it; the failure's class
     * otherwise.
     */
    private static List<String> reasons(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidConfigurationException invalid) {
                return List.of(invalid.getMessage());
            }
            if (cause instanceof BindValidationException invalid) {
                ValidationErrors errors = invalid.getValidationErrors();
                return errors.getAllErrors().stream()
                        .map(error -> error instanceof FieldError field
                                ? errors.getName() + "." + DataObjectPropertyName.toDashedForm(field.getField()) + ": "
                                        + error.getDefaultMessage()
                                : errors.getName() + ": " + error.getDefaultMessage())
                        .toList();
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.springframework.boot.context.properties.bind.BindException bind) {
                return List.of(bind.getMessage());
            }
        }
        return List.of(failure.getClass().getSimpleName());
    }

    /**
     * The settings records and the concerns whose beans check the configuration: trust and rules. Not
     * a {@code @Configuration}, so that the gateway's own component scan never picks it up.
     */
    @ConfigurationPropertiesScan("org.caseexchange.gateway")
    @ComponentScan(basePackages = {"org.caseexchange.gateway.trust", "org.caseexchange.gateway.rules"})
    @ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        ConfigurationPropertiesAutoConfiguration.class,
        ValidationAutoConfiguration.class
    })
    @org.springframework.context.annotation.Import(FileSystemPaths.class)
    static class Checks {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }
}
