package dev.webhookkit.cli.internal;

import dev.webhookkit.core.ConfigurationException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Assembles the {@code webhook} command tree and its error handling. */
public final class Commands {
    private Commands() {
    }

    /** The command tree, writing to the environment's streams. */
    public static CommandLine commandLine(CliEnvironment env) {
        CommandLine cl = new CommandLine(new RootCommand())
                .addSubcommand(new VerifyCommand(env))
                .addSubcommand(new SignCommand(env))
                .addSubcommand(new MapCommand(env))
                .addSubcommand(new SendCommand(env))
                .addSubcommand(new ListenCommand(env))
                .addSubcommand(new ReplayCommand(env))
                .addSubcommand(new TriggerCommand(env))
                .addSubcommand(new TailCommand(env))
                .addSubcommand(new ServeCommand(env))
                .addSubcommand(new SchemesCommand(env))
                .addSubcommand(new CommandLine.HelpCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(USAGE_ERROR);
        cl.setExecutionExceptionHandler(FAILURE);
        cl.setOut(env.out());
        cl.setErr(env.err());
        return cl;
    }

    /** Runs one command line and returns its exit code. */
    public static int run(CliEnvironment env, String... args) {
        int code = commandLine(env).execute(args);
        env.out().flush();
        env.err().flush();
        return code;
    }

    /** Bad options (picocli's and the commands' own): the message, a suggestion, exit 2. */
    private static final IParameterExceptionHandler USAGE_ERROR = (ParameterException e, String[] args) -> {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        // picocli quotes the arguments it could not place, and a secret can be one of them ('--secret -x…').
        err.println("error: " + Redaction.of(args).apply(e.getMessage()));
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        return ExitCodes.USAGE;
    };

    /**
     * Failures while running: a configuration the library refuses (a secret in the wrong format …)
     * is a usage error; anything else is reported in one line with exit code 1.
     */
    private static final IExecutionExceptionHandler FAILURE = (e, cmd, parseResult) -> {
        PrintWriter err = cmd.getErr();
        Redaction redaction = Redaction.of(parseResult.originalArgs().toArray(String[]::new));
        if (e instanceof ConfigurationException) {
            err.println("error: " + redaction.apply(e.getMessage()));
            err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE;
        }
        err.println("error: " + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + redaction.apply(e.getMessage()) : ""));
        return ExitCodes.NEGATIVE;
    };
}
