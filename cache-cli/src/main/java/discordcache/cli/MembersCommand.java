package discordcache.cli;

import discordcache.client.DiscordCache;
import discordcache.model.Member;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code members GUILD_ID}: the guild's cached members. */
@Command(name = "members", description = "Lists the guild's cached members, by user id.")
final class MembersCommand implements Callable<Integer> {
    @ParentCommand
    private CacheCli cli;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "GUILD_ID", converter = Ids.Snowflake.class, description = "The guild.")
    private long guildId;

    @Override
    public Integer call() {
        List<Member> members;
        try (DiscordCache cache = cli.connect()) {
            members = cache.members(guildId);
        }
        Listing.print(cli, spec, members, Views.members(members), "member");
        return 0;
    }
}
