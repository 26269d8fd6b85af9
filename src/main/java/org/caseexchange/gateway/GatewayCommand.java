package org.caseexchange.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.caseexchange.gateway.verifier.AuditVerifier;
import org.caseexchange.gateway.web.account.AccountsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The jar's command line ({@code java -jar case-exchange-gateway.jar …}, docs/operations.md): with no
 * command, or only settings ({@code --key=value}), it starts the gateway, as {@code run} does; the
 * other commands are what an operator does by hand, each with {@code --help}.
 */
@Command(
        name = "case-exchange-gateway",
        mixinStandardHelpOptions = true,
        versionProvider = GatewayCommand.BuildVersion.class,
        description = {
            "The secure case-exchange gateway for bilateral immigration information sharing.",
            "Without a command, or with only settings (--key=value), it starts the gateway."
        },
        commandListHeading = "%nCommands:%n",
        subcommands = {GatewayCommand.Run.class, ConfigurationCheck.class, GatewayCommand.MoveFromH2.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused or not verified (the reason is printed)", "2:the arguments are wrong"})
final class GatewayCommand {

    /** The commands besides {@code run}, by name. */
    static final List<String> COMMANDS =
            List.of("run", "check-config", "accounts", "queues", "verify-export", "move-from-h2");

    private GatewayCommand() {}

    /**
     * True when the arguments start the gateway: none, or settings only. Help, the version and the
     * commands are answered instead.
     */
    static boolean startsTheGateway(String[] args) {
        if (args.length == 0) {
            return true;
        }
        String first = args[0];
        return first.startsWith("--")
                && !first.equals("--help")
                && !first.equals("--version")
                && !COMMANDS.contains(first);
    }

    /** Runs a command line that does not start the gateway; the exit code to end with. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine command = new CommandLine(new GatewayCommand());
        command.addSubcommand("accounts", accounts());
        command.addSubcommand("queues", new CommandLine(new QueuesCommand()));
        command.addSubcommand("verify-export", new VerifyExport(out, err));
        return command.setOut(out)
                .setErr(err)
                .setParameterExceptionHandler((problem, arguments) -> {
                    problem.getCommandLine().getErr().println(problem.getMessage());
                    problem.getCommandLine().usage(problem.getCommandLine().getErr());
                    return 2;
                })
                .execute(args);
    }

    private static CommandLine accounts() {
        return new CommandLine(new AccountsCommand());
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Starts the gateway with these settings (--key=value), as with no command at all.")
    static final class Run implements Callable<Integer> {

        @CommandLine.Unmatched
        List<String> settings = new ArrayList<>();

        @Override
        public Integer call() {
            GatewayApplication.start(settings.toArray(String[]::new));
            return 0;
        }
    }

    @Command(
            name = "move-from-h2",
            mixinStandardHelpOptions = true,
            description = "Moves an earlier version's H2 data into the embedded PostgreSQL once, then starts the"
                    + " gateway on it. Run it with the gateway stopped.")
    static final class MoveFromH2 implements Callable<Integer> {

        @CommandLine.Unmatched
        List<String> settings = new ArrayList<>();

        @Override
        public Integer call() {
            List<String> all = new ArrayList<>(settings);
            all.add("--gateway.database.move-from-h2=true");
            GatewayApplication.start(all.toArray(String[]::new));
            return 0;
        }
    }

    /** The offline verifier's own command (the verifier jar's, the same options and help), at hand. */
    @Command(
            name = "verify-export",
            description = "Verifies an export of the audit log offline, as audit-verifier.jar does, with its"
                    + " options (verify-export --help).")
    static final class VerifyExport implements Callable<Integer> {

        private final PrintWriter out;
        private final PrintWriter err;

        @CommandLine.Unmatched
        List<String> arguments = new ArrayList<>();

        VerifyExport(PrintWriter out, PrintWriter err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            return AuditVerifier.run(arguments.toArray(String[]::new), out, err);
        }
    }

    /** The version the build recorded, and the commit it was built from when it knew it. */
    static final class BuildVersion implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() throws IOException {
            Properties build = properties("META-INF/build-info.properties");
            Properties git = properties("git.properties");
            String version = build.getProperty("build.version", "(version unknown: not built by Maven)");
            String commit = git.getProperty("git.commit.id.abbrev");
            return new String[] {
                "case-exchange-gateway " + version + (commit == null ? "" : " (commit " + commit + ")"),
                "built " + build.getProperty("build.time", "(time unknown)")
            };
        }

        private static Properties properties(String resource) throws IOException {
            Properties properties = new Properties();
            try (InputStream in = GatewayCommand.class.getClassLoader().getResourceAsStream(resource)) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return properties;
        }
    }
}
