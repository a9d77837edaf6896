package discordcache.cli;

import discordcache.client.DiscordCache;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code get ENTITY KEY...}: reads entities by key and prints each, or that it is not cached. */
@Command(name = "get", description = {"Reads entities by key; prints each one found and 'not found' for the others.",
        "ENTITY and its KEY: user (USER_ID), guild (GUILD_ID), channel (CHANNEL_ID), thread (THREAD_ID), "
                + "member (GUILD_ID:USER_ID), message (CHANNEL_ID:MESSAGE_ID), presence (GUILD_ID:USER_ID)."})
final class GetCommand implements Callable<Integer> {
    /** What {@code --json} prints per key: the value, null when it is not cached. */
    record Found(String entity, String key, Object value) {
    }

    @ParentCommand
    private CacheCli cli;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ENTITY", converter = Entity.Converter.class,
            description = "user, guild, channel, thread, member, message or presence.")
    private Entity entity;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "One or more keys of the entity.")
    private List<String> keys;

    @Override
    public Integer call() {
        List<long[]> parsed = new ArrayList<>();
        for (String key : keys) {
            try {
                parsed.add(entity.parseKey(key));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        List<Found> found = new ArrayList<>();
        try (DiscordCache cache = cli.connect()) {
            for (int i = 0; i < keys.size(); i++) {
                found.add(new Found(entity.label(), keys.get(i), entity.read(cache, parsed.get(i))));
            }
        }
        print(found, spec.commandLine().getOut());
        return 0;
    }

    private void print(List<Found> found, PrintWriter out) {
        if (cli.json()) {
            Json.print(out, found);
            return;
        }
        for (int i = 0; i < found.size(); i++) {
            Found one = found.get(i);
            if (one.value() == null) {
                out.println(one.entity() + " " + one.key() + ": not found");
            } else {
                out.println((i == 0 ? "" : "\n") + one.entity() + " " + one.key() + ":");
                out.print(Views.fields((Record) one.value()).render());
            }
        }
        out.flush();
    }
}
