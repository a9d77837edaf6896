package discordcache.cli;

import discordcache.client.DiscordCache;
import discordcache.model.Channel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code channels GUILD_ID}: the guild's cached channels. */
@Command(name = "channels", description = "Lists the guild's cached channels (threads not included), by id.")
final class ChannelsCommand implements Callable<Integer> {
    @ParentCommand
    private CacheCli cli;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "GUILD_ID", converter = Ids.Snowflake.class, description = "The guild.")
    private long guildId;

    @Override
    public Integer call() {
        List<Channel> channels;
        try (DiscordCache cache = cli.connect()) {
            channels = cache.channels(guildId);
        }
        Listing.print(cli, spec, channels, Views.channels(channels), "channel");
        return 0;
    }
}
