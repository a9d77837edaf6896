package discordcache.cli;

import discordcache.model.Channel;
import discordcache.model.Member;
import discordcache.model.Message;

import java.util.List;

/** The tables the commands print without {@code --json}. */
final class Views {
    /** Message contents longer than this are cut in the table; {@code --json} prints them whole. */
    static final int CONTENT_WIDTH = 80;

    private Views() {
    }

    /** One entity, one line per field. */
    static Table fields(Record value) {
        Table table = Table.of("FIELD", "VALUE");
        Cells.fields(value).forEach((name, field) -> table.row(name, Cells.text(field)));
        return table;
    }

    static Table members(List<Member> members) {
        Table table = Table.of("USER_ID", "NICK", "ROLES", "JOINED_AT", "PENDING");
        members.forEach(member -> table.row(member.userId(), member.nick(), member.roles(), member.joinedAt(),
                member.pending()));
        return table;
    }

    static Table channels(List<Channel> channels) {
        Table table = Table.of("ID", "TYPE", "NAME", "POSITION", "PARENT_ID");
        channels.forEach(channel -> table.row(channel.id(), channel.type(), channel.name(), channel.position(),
                channel.parentId()));
        return table;
    }

    static Table messages(List<Message> messages) {
        Table table = Table.of("ID", "AUTHOR_ID", "TIMESTAMP", "CONTENT");
        messages.forEach(message -> table.row(message.id(), message.authorId(), message.timestamp(),
                Cells.truncate(message.content(), CONTENT_WIDTH)));
        return table;
    }
}
