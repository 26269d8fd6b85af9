package org.caseexchange.gateway.web.account;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.database.DatabaseProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar gateway.jar accounts …}: the operator creates console accounts, gives them roles and
 * sets their passwords, on the gateway's own database (its settings as the gateway reads them). On the
 * embedded database, with the gateway stopped: the data folder's lock admits one process.
 */
@Command(
        name = "accounts",
        mixinStandardHelpOptions = true,
        description = "Creates and lists the console's local accounts.",
        subcommands = {AccountsCommand.Add.class, AccountsCommand.ListAccounts.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused (the reason is printed)", "2:the arguments are wrong"})
public final class AccountsCommand {

    static final int DONE = 0;
    static final int REFUSED = 1;

    /** Runs the command line after {@code accounts}; Spring settings ({@code --gateway.…=…}) may follow. */
    public static int run(String... arguments) {
        return new CommandLine(new AccountsCommand()).execute(arguments);
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Creates an account, or gives an existing one these roles and a new password (which also"
                    + " unlocks it). The password is read from the terminal, twice, or from a file.")
    static final class Add implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "USERNAME", description = "lower-case letters, digits, '.', '-', '_'")
        String username;

        @Option(
                names = "--role",
                required = true,
                paramLabel = "ROLE",
                description = "OFFICER, SUPERVISOR, AUDITOR or OPERATOR; repeat for several")
        List<Role> roles;

        @Option(
                names = "--password-file",
                paramLabel = "FILE",
                description = "read the password from the first line of this file instead of the terminal")
        Path passwordFile;

        /** Spring settings, {@code --key=value}, as the gateway takes them. */
        @CommandLine.Unmatched
        List<String> settings = new java.util.ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            char[] password = password(err);
            if (password == null) {
                return REFUSED;
            }
            try (ConfigurableApplicationContext context = database(settings)) {
                Accounts accounts = new Accounts(
                        context.getBean(JdbcTemplate.class), AccountsConfiguration.PasswordEncoders.current());
                AuditLog audit = new AuditLog(context.getBean(JdbcTemplate.class), Clock.systemUTC());
                Set<Role> held = EnumSet.copyOf(roles);
                boolean created = new TransactionTemplate(
                                context.getBean(org.springframework.transaction.PlatformTransactionManager.class))
                        .execute(status -> {
                            boolean isNew = accounts.put(
                                    username, held, password, Clock.systemUTC().instant());
                            audit.record(AuditEvent.of(AuditEventType.ACCOUNT_CHANGED, null, null)
                                    .by(username));
                            return isNew;
                        });
                out.println((created ? "created " : "updated ") + username + " with " + held);
                return DONE;
            } catch (IllegalArgumentException e) {
                err.println("refused: " + e.getMessage());
                return REFUSED;
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        private char[] password(PrintWriter err) throws IOException {
            if (passwordFile != null) {
                List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
                if (lines.isEmpty() || lines.get(0).isEmpty()) {
                    err.println("refused: " + passwordFile + " holds no password on its first line");
                    return null;
                }
                return lines.get(0).toCharArray();
            }
            Console console = System.console();
            if (console == null) {
                err.println("refused: no terminal to read the password from; use --password-file");
                return null;
            }
            char[] first = console.readPassword("Password for %s: ", username);
            char[] second = console.readPassword("The same password again: ");
            if (first == null || !Arrays.equals(first, second)) {
                err.println("refused: the two passwords differ");
                return null;
            }
            Arrays.fill(second, '\0');
            return first;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the accounts, their roles and locks.")
    static final class ListAccounts implements Callable<Integer> {

        /** Spring settings, {@code --key=value}, as the gateway takes them. */
        @CommandLine.Unmatched
        List<String> settings = new java.util.ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = database(settings)) {
                Accounts accounts = new Accounts(
                        context.getBean(JdbcTemplate.class), AccountsConfiguration.PasswordEncoders.current());
                for (Account account : accounts.all()) {
                    spec.commandLine()
                            .getOut()
                            .println(account.username() + " " + account.roles()
                                    + (account.lockedUntil() == null ? "" : " locked until " + account.lockedUntil()));
                }
                return DONE;
            }
        }
    }

    /** The gateway's database and nothing else: its migrations run, no broker, no routes, no web server. */
    static ConfigurableApplicationContext database(List<String> settings) {
        return new SpringApplicationBuilder(DatabaseOnly.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(settings.toArray(String[]::new));
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        ConfigurationPropertiesAutoConfiguration.class,
        ValidationAutoConfiguration.class,
        DataSourceAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class,
        TransactionAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class,
        FlywayAutoConfiguration.class
    })
    @ComponentScan(basePackageClasses = DatabaseProperties.class)
    @EnableConfigurationProperties(DatabaseProperties.class)
    static class DatabaseOnly {}
}
