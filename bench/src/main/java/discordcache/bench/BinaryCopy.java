package discordcache.bench;

import discordcache.model.Member;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The baseline of the write benchmark: members written with a binary COPY, the fastest way into PostgreSQL. */
final class BinaryCopy {
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int INT8_OID = 20;

    private BinaryCopy() {
    }

    static void copyMembers(Connection connection, List<Member> members) throws SQLException, IOException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY members (guild_id, user_id, nick, avatar, banner, roles, joined_at, premium_since, deaf, mute,"
                        + " pending, flags, communication_disabled_until, version) FROM STDIN (FORMAT binary)");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeBytes("PGCOPY\n");
        out.write(new byte[] {(byte) 0xFF, '\r', '\n', 0});
        out.writeInt(0);
        out.writeInt(0);
        for (Member m : members) {
            out.writeShort(14);
            int8(out, m.guildId());
            int8(out, m.userId());
            text(out, m.nick());
            text(out, m.avatar());
            text(out, m.banner());
            long[] roles = m.roles().toArray();
            out.writeInt(20 + roles.length * 12);
            out.writeInt(1);
            out.writeInt(0);
            out.writeInt(INT8_OID);
            out.writeInt(roles.length);
            out.writeInt(1);
            for (long role : roles) {
                int8(out, role);
            }
            timestamp(out, m.joinedAt());
            timestamp(out, m.premiumSince());
            bool(out, m.deaf());
            bool(out, m.mute());
            bool(out, m.pending());
            out.writeInt(4);
            out.writeInt(m.flags());
            timestamp(out, m.communicationDisabledUntil());
            int8(out, m.version());
            if (buffer.size() > (1 << 20)) {
                copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                buffer.reset();
            }
        }
        out.writeShort(-1);
        copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
        copy.endCopy();
    }

    private static void int8(DataOutputStream out, long value) throws IOException {
        out.writeInt(8);
        out.writeLong(value);
    }

    private static void bool(DataOutputStream out, boolean value) throws IOException {
        out.writeInt(1);
        out.writeByte(value ? 1 : 0);
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void timestamp(DataOutputStream out, Instant value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(8);
        out.writeLong(value.getEpochSecond() * 1_000_000L + value.getNano() / 1_000 - POSTGRES_EPOCH_MICROS);
    }
}
