package discordcache.cli;

import discordcache.client.DiscordCache;
import discordcache.model.Message;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code messages CHANNEL_ID [--limit N]}: the channel's newest cached messages. */
@Command(name = "messages", description = "Lists the channel's (or thread's) newest cached messages, newest first.")
final class MessagesCommand implements Callable<Integer> {
    @ParentCommand
    private CacheCli cli;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "CHANNEL_ID", converter = Ids.Snowflake.class, description = "The channel or thread.")
    private long channelId;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "How many messages at most, 1 to " + DiscordCache.MAX_MESSAGES + " (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Override
    public Integer call() {
        if (limit < 1 || limit > DiscordCache.MAX_MESSAGES) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--limit must be between 1 and " + DiscordCache.MAX_MESSAGES + ", was " + limit);
        }
        List<Message> messages;
        try (DiscordCache cache = cli.connect()) {
            messages = cache.newestMessages(channelId, limit);
        }
        Listing.print(cli, spec, messages, Views.messages(messages), "message");
        return 0;
    }
}
